package org.rnnkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a univariate time series from CSV with a header row. The first column holds dates when its
 * values look like {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD}, {@code YYYY-Qn} or a time
 * {@code YYYY-MM-DD HH:mm} or {@code YYYY-MM-DD HH:mm:ss} (with a space or {@code T} between date
 * and time); otherwise the file has no date column, unless the first column was meant to hold dates
 * (one of its first rows is a date or looks like one in another form, {@link DateLookalike}): that
 * is refused naming the row, not read as an undated series. Times are local wall-clock times read
 * as given, with no zone (an offset such as {@code Z} or {@code +01:00} is not read): an hourly
 * series across a daylight-saving change has a gap or a repeated hour unless it was written in one
 * offset. The value column is the one named by the caller; otherwise the only numeric column that
 * is neither the date column nor named like a time index ({@code date}, {@code time}, {@code t},
 * {@code step}, {@code index}, {@code period}, {@code ds}, {@code timestamp}, ...: such a column,
 * say of plain step numbers 1, 2, 3, is never read as the series). Among several candidates the one
 * named {@code value} or {@code y} is taken, with a notice; with none of those the choice is
 * ambiguous and an error lists the columns. The frequency is inferred from the spacing of the
 * dates. A missing ({@code empty}, {@code NA}, {@code NaN}) or non-numeric value is an error that
 * names its line and column, unless interpolation is asked for.
 */
public final class TimeSeriesCsv {
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?Q([1-4])");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}(?::\\d{2})?)");

  /** The date forms read, for messages. */
  static final String DATE_FORMS = "1960, 1960-Q3, 1960-07, 1960-07-15 or 1960-07-15 13:00";

  /** The spacings a series' dates may have, for messages. */
  static final String REGULAR = "yearly, quarterly, monthly, weekly, daily or hourly";

  /** What a gap or repeat in an hourly series may come from, for messages. */
  static final String NO_ZONE =
      " (times are read as given, with no zone: write them in one offset, such as UTC, across"
          + " daylight-saving changes)";

  /** Header names of a time index: never the default value column. */
  private static final Pattern TIME_INDEX =
      Pattern.compile(
          "date|datetime|time|timestamp|ds|t|step|steps|index|idx|period|obs|observation|year"
              + "|quarter|month|week|day|hour|minute");

  /** Header names taken as the value column when several columns are numeric. */
  private static final Pattern VALUE_NAME = Pattern.compile("value|y");

  /** Header names of a date or time column. */
  private static final Pattern DATE_HEADER =
      Pattern.compile("date|datetime|time|year|period|ds|timestamp|month|quarter|week|day|hour");

  /** Rows looked at to decide whether the first column holds dates. */
  private static final int DATE_SNIFF_ROWS = 3;

  /** Rows looked at to decide whether a column holds numbers. */
  private static final int SNIFF_ROWS = 5;

  /** The largest CSV file read: 256 MiB. */
  public static final long MAX_BYTES = 256L << 20;

  /** The longest header line looked at for the delimiter and byte order mark. */
  private static final int HEADER_BYTES = 1 << 16;

  private static final int BYTE_ORDER_MARK = '\uFEFF';

  /** A number written with a decimal comma, as in a semicolon-separated file: {@code 112,5}. */
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?\\d+,\\d+");

  private TimeSeriesCsv() {}

  /** How to read a file. */
  public record Options(String column, boolean interpolate) {
    public static Options defaults() {
      return new Options(null, false);
    }
  }

  /**
   * @param name the series name for messages and titles, e.g. the file name
   * @param in Read to the end and closed.
   * @throws IllegalArgumentException naming line and column for any malformed content
   */
  public static TimeSeries read(String name, Reader in, Options options) throws IOException {
    return read(name, in, options, notice -> {});
  }

  /**
   * As {@link #read(String, Reader, Options)}, telling {@code notices} about choices made for the
   * caller (which of several numeric columns was taken as the values).
   */
  public static TimeSeries read(
      String name, Reader in, Options options, java.util.function.Consumer<String> notices)
      throws IOException {
    BufferedReader buffered = new BufferedReader(in, HEADER_BYTES);
    buffered.mark(HEADER_BYTES);
    if (buffered.read() != BYTE_ORDER_MARK) {
      buffered.reset();
    }
    char delimiter = delimiter(name, buffered, notices);
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .get();
    Table table = parse(name, buffered, format);
    List<String> header = table.header();
    List<CSVRecord> records = table.records();
    if (header.isEmpty() || records.isEmpty()) {
      throw new IllegalArgumentException(
          name + " has no data rows; expected a header line and then one row per observation");
    }
    boolean dated = header.size() > 1 && looksDated(header.get(0), records);
    if (!dated && header.size() > 1 && !header.get(0).equals(options.column())) {
      refuseUnreadDates(name, header.get(0), records);
    }
    int valueColumn = valueColumn(name, header, records, options.column(), dated, notices);
    String columnName = header.get(valueColumn);
    List<LocalDateTime> dates = dated ? new ArrayList<>() : null;
    Frequency frequency = Frequency.UNDATED;
    double[] values = new double[records.size()];
    boolean[] missing = new boolean[records.size()];
    for (int i = 0; i < records.size(); i++) {
      CSVRecord r = records.get(i);
      long line = r.getRecordNumber() + 1;
      if (r.size() <= valueColumn) {
        throw new IllegalArgumentException(
            "%s line %d has %d columns; column '%s' is missing"
                .formatted(name, line, r.size(), columnName));
      }
      if (dated) {
        LocalDateTime d = parseDate(r.get(0));
        if (d == null) {
          throw new IllegalArgumentException(
              "%s line %d: '%s' is not a date like %s".formatted(name, line, r.get(0), DATE_FORMS));
        }
        dates.add(d);
      }
      String text = r.get(valueColumn);
      Double v = parseValue(text);
      if (v == null) {
        if (!options.interpolate() || !isMissingMarker(text)) {
          throw new IllegalArgumentException(
              "%s line %d, column '%s': %s; %s"
                  .formatted(
                      name,
                      line,
                      columnName,
                      text.isEmpty() ? "the value is missing" : "'" + text + "' is not a number",
                      isMissingMarker(text)
                          ? "fill it in or ask for interpolation (--interpolate)"
                          : DECIMAL_COMMA.matcher(text).matches()
                              ? "it has a decimal comma; write numbers with a decimal point"
                                  + " (112.5)"
                              : "fix the value"));
        }
        missing[i] = true;
      } else {
        values[i] = v;
      }
    }
    if (dated) {
      frequency = inferFrequency(name, dates, records);
    }
    if (options.interpolate()) {
      interpolate(name, values, missing);
    }
    return new TimeSeries(name, dates, values, frequency);
  }

  /** A parsed file: the header's names and the rows after it. */
  private record Table(List<String> header, List<CSVRecord> records) {}

  /**
   * Parses the whole file; malformed CSV (bad quoting, in the header too) becomes an {@link
   * IllegalArgumentException} naming the line and position.
   */
  private static Table parse(String name, Reader in, CSVFormat format) throws IOException {
    try (CSVParser parser = CSVParser.parse(in, format)) {
      return new Table(parser.getHeaderNames(), parser.getRecords());
    } catch (CSVException e) {
      throw notCsv(name, e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CSVException c) {
        throw notCsv(name, c);
      }
      throw e.getCause();
    }
  }

  private static IllegalArgumentException notCsv(String name, CSVException e) {
    return new IllegalArgumentException(
        name + " is not valid CSV: " + e.getMessage() + "; fix the quoting", e);
  }

  /**
   * Reads {@code file}, which must be UTF-8 text ({@link Utf8Text}) of at most {@value #MAX_BYTES}
   * bytes, as {@link #read(String, Reader, Options, java.util.function.Consumer)} does; the series
   * is named after the file without {@code .csv}.
   *
   * @throws IllegalArgumentException naming the file, line and column of any problem
   */
  public static TimeSeries read(
      Path file, Options options, java.util.function.Consumer<String> notices) throws IOException {
    String text = Utf8Text.read(file, MAX_BYTES);
    String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
    return read(name, new StringReader(text), options, notices);
  }

  /**
   * The column separator: a comma, or else a semicolon or tab when the header line has one of those
   * and no comma (with a notice).
   *
   * @param in Not modified: read up to the first line end, then reset.
   */
  private static char delimiter(
      String name, BufferedReader in, java.util.function.Consumer<String> notices)
      throws IOException {
    in.mark(HEADER_BYTES);
    String header = in.readLine();
    in.reset();
    if (header == null || header.indexOf(',') >= 0) {
      return ',';
    }
    for (char c : new char[] {';', '\t'}) {
      if (header.indexOf(c) >= 0) {
        notices.accept(
            "%s separates its columns with %s, not commas; reading it so"
                .formatted(name, c == ';' ? "';'" : "tabs"));
        return c;
      }
    }
    return ',';
  }

  /**
   * The first column holds dates when its first rows all parse as dates and, for plain 4-digit
   * years (which could as well be values), when its header also names a date.
   */
  private static boolean looksDated(String header, List<CSVRecord> records) {
    int rows = Math.min(DATE_SNIFF_ROWS, records.size());
    boolean yearsOnly = true;
    for (int i = 0; i < rows; i++) {
      String v = records.get(i).get(0).trim();
      if (parseDate(v) == null) {
        return false;
      }
      yearsOnly &= YEAR.matcher(v).matches();
    }
    return !yearsOnly || isDateHeader(header);
  }

  /** Whether a header names a date or time: {@code date}, {@code month}, {@code timestamp}, .... */
  private static boolean isDateHeader(String header) {
    return DATE_HEADER.matcher(lower(header)).matches();
  }

  /**
   * Refuses a first column that was not found to hold dates ({@link #looksDated}) but was meant to:
   * one of its first rows is a date (some other row is then not) or looks like a date or time in a
   * form not read ({@link DateLookalike}). Read on, such a file would give an undated series, with
   * the season of none, in silence.
   *
   * @throws IllegalArgumentException naming the first of those rows whose value is not a date, the
   *     forms read and the fix
   */
  private static void refuseUnreadDates(String name, String header, List<CSVRecord> records) {
    boolean dateHeader = isDateHeader(header);
    int rows = Math.min(DATE_SNIFF_ROWS, records.size());
    boolean meant = false;
    for (int i = 0; i < rows && !meant; i++) {
      String text = records.get(i).get(0);
      meant =
          parseValue(text) == null && parseDate(text) != null
              || DateLookalike.looksLikeDate(text, dateHeader);
    }
    for (int i = 0; i < rows && meant; i++) {
      String text = records.get(i).get(0).trim();
      if (parseDate(text) != null) {
        continue;
      }
      long line = records.get(i).getRecordNumber() + 1;
      if (isMissingMarker(text)) {
        throw new IllegalArgumentException(
            "%s line %d, column '%s': the date is missing; fill it in (%s), or remove the column to read the values undated"
                .formatted(name, line, header, DATE_FORMS));
      }
      String zone = DateLookalike.zoneSuffix(text);
      String fix =
          zone == null
              ? "rewrite them as ISO dates or times such as 2020-01-15, 2020-01 or 2024-01-01 13:00"
              : "drop the zone suffix '%s' (times are read as given, with no zone: write them all in one offset, such as UTC, as 2024-01-01 13:00)"
                  .formatted(zone);
      throw new IllegalArgumentException(
          "%s line %d, column '%s': '%s' is not a date or time in a form read (%s); %s, or remove the column to read the values undated"
              .formatted(name, line, header, text, DATE_FORMS, fix));
    }
  }

  private static int valueColumn(
      String name,
      List<String> header,
      List<CSVRecord> records,
      String wanted,
      boolean dated,
      java.util.function.Consumer<String> notices) {
    if (wanted != null) {
      int i = header.indexOf(wanted);
      if (i < 0) {
        throw new IllegalArgumentException(
            "%s has no column '%s'; its columns are %s".formatted(name, wanted, header));
      }
      return i;
    }
    List<Integer> candidates = new ArrayList<>();
    for (int i = dated ? 1 : 0; i < header.size(); i++) {
      if (!isTimeIndex(header.get(i))) {
        candidates.add(i);
      }
    }
    // the only column left is the series (a bad value in it is then reported by line)
    if (candidates.size() > 1) {
      candidates.removeIf(i -> !looksNumeric(records, i));
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "%s has no value column: its columns %s are dates, a time index or not numbers; name the values with --column"
              .formatted(name, header));
    }
    List<Integer> named =
        candidates.stream()
            .filter(i -> VALUE_NAME.matcher(lower(header.get(i))).matches())
            .toList();
    List<String> names = candidates.stream().map(header::get).toList();
    if (named.size() == 1) {
      notices.accept(
          ("%s has several numeric columns %s; using '%s' (choose another with forecast's --column or"
                  + " catalogue's --value-column)")
              .formatted(name, names, header.get(named.get(0))));
      return named.get(0);
    }
    throw new IllegalArgumentException(
        ("%s has several numeric columns %s and none is named value or y; choose one with"
                + " forecast's --column or catalogue's --value-column")
            .formatted(name, names));
  }

  private static String lower(String text) {
    return text.trim().toLowerCase(Locale.ROOT);
  }

  /** Whether a header names a time index (date, time, t, step, index, ...). */
  static boolean isTimeIndex(String header) {
    return TIME_INDEX.matcher(lower(header)).matches();
  }

  /** Whether the first rows of column i hold numbers (or missing markers), at least one number. */
  private static boolean looksNumeric(List<CSVRecord> records, int i) {
    int numbers = 0;
    for (int r = 0; r < Math.min(SNIFF_ROWS, records.size()); r++) {
      if (records.get(r).size() <= i) {
        return false;
      }
      String text = records.get(r).get(i);
      if (parseValue(text) != null) {
        numbers++;
      } else if (!isMissingMarker(text)) {
        return false;
      }
    }
    return numbers > 0;
  }

  /**
   * A date in one of the accepted forms ({@link #DATE_FORMS}), as its local date and time (a date
   * without a time is its midnight), or null.
   */
  static LocalDateTime parseDate(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    try {
      Matcher m;
      if (DAY.matcher(t).matches()) {
        return LocalDate.parse(t).atStartOfDay();
      }
      if ((m = TIME.matcher(t)).matches()) {
        return LocalDate.parse(m.group(1)).atTime(LocalTime.parse(m.group(2)));
      }
      if ((m = QUARTER.matcher(t)).matches()) {
        return LocalDate.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2, 1)
            .atStartOfDay();
      }
      if ((m = MONTH.matcher(t)).matches()) {
        int month = Integer.parseInt(m.group(2));
        return month >= 1 && month <= 12
            ? LocalDate.of(Integer.parseInt(m.group(1)), month, 1).atStartOfDay()
            : null;
      }
      if ((m = YEAR.matcher(t)).matches()) {
        return LocalDate.of(Integer.parseInt(m.group(1)), 1, 1).atStartOfDay();
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }

  /** A finite number, or null for a missing marker or anything else. */
  static Double parseValue(String text) {
    if (isMissingMarker(text)) {
      return null;
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether the text marks a missing value: empty, NA, NaN or NULL. */
  static boolean isMissingMarker(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    return t.isEmpty() || t.equals("NA") || t.equals("NAN") || t.equals("NULL");
  }

  private static Frequency inferFrequency(
      String name, List<LocalDateTime> dates, List<CSVRecord> records) {
    if (dates.size() < 2) {
      return Frequency.YEARLY;
    }
    Frequency f = spacing(dates.get(0), dates.get(1));
    for (int i = 1; i < dates.size(); i++) {
      if (f == null || !f.advance(dates.get(i - 1), 1).equals(dates.get(i))) {
        // the first two dates fix no spacing: the next two tell whether the series is hourly
        Frequency step = f != null || dates.size() < 3 ? f : spacing(dates.get(1), dates.get(2));
        throw new IllegalArgumentException(
            "%s line %d: date %s does not follow %s evenly; dates must be regular (%s) with no gaps%s"
                .formatted(
                    name,
                    records.get(i).getRecordNumber() + 1,
                    records.get(i).get(0),
                    records.get(i - 1).get(0),
                    REGULAR,
                    zoneHint(step, dates.get(i - 1), dates.get(i))));
      }
    }
    return f;
  }

  /**
   * {@link #NO_ZONE} when a daylight-saving change can have put times {@code a} and {@code b} where
   * they are: the series is hourly and {@code b} repeats {@code a} or comes two hours after it (an
   * hour skipped), else nothing.
   *
   * @param step the series' frequency, or null when not known
   */
  static String zoneHint(Frequency step, LocalDateTime a, LocalDateTime b) {
    boolean clockChange = b.equals(a) || b.equals(a.plusHours(2));
    return step == Frequency.HOURLY && clockChange ? NO_ZONE : "";
  }

  /**
   * The frequency that takes time a to time b in one step, or null: hourly when b is one hour after
   * a; otherwise, both at the same time of day, from their dates.
   */
  static Frequency spacing(LocalDateTime a, LocalDateTime b) {
    if (a.plusHours(1).equals(b)) {
      return Frequency.HOURLY;
    }
    if (!a.toLocalTime().equals(b.toLocalTime())) {
      return null;
    }
    return spacing(a.toLocalDate(), b.toLocalDate());
  }

  private static Frequency spacing(LocalDate a, LocalDate b) {
    long days = ChronoUnit.DAYS.between(a, b);
    boolean sameDay = a.getDayOfMonth() == b.getDayOfMonth();
    boolean monthEnds =
        a.getDayOfMonth() == a.lengthOfMonth() && b.getDayOfMonth() == b.lengthOfMonth();
    if (sameDay || monthEnds) {
      long months = (b.getYear() - a.getYear()) * 12L + b.getMonthValue() - a.getMonthValue();
      if (months == 12) {
        return Frequency.YEARLY;
      }
      if (months == 3) {
        return Frequency.QUARTERLY;
      }
      if (months == 1) {
        return Frequency.MONTHLY;
      }
    }
    if (days == 7) {
      return Frequency.WEEKLY;
    }
    if (days == 1) {
      return Frequency.DAILY;
    }
    return null;
  }

  /** Linear interpolation between the nearest known neighbours; ends copy the nearest value. */
  private static void interpolate(String name, double[] values, boolean[] missing) {
    int known = -1;
    for (int i = 0; i < values.length; i++) {
      if (missing[i]) {
        continue;
      }
      if (known < 0) {
        for (int j = 0; j < i; j++) {
          values[j] = values[i];
        }
      } else {
        for (int j = known + 1; j < i; j++) {
          double w = (double) (j - known) / (i - known);
          values[j] = values[known] * (1 - w) + values[i] * w;
        }
      }
      known = i;
    }
    if (known < 0) {
      throw new IllegalArgumentException(name + " has no numeric values at all");
    }
    for (int j = known + 1; j < values.length; j++) {
      values[j] = values[known];
    }
  }
}
