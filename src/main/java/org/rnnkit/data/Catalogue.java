package org.rnnkit.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Many series forecast together: a store's products, a fleet's sensors, a competition's data set.
 * Series may differ in length and start date but share one season m: the one their common frequency
 * implies, or the one given (which also lets series of different frequencies sit in one catalogue).
 * Three layouts are read, each keeping no more than the series' numbers in memory:
 *
 * <ul>
 *   <li>a long table, one row per observation: {@code series_id,date,value} (other column names
 *       given in {@link Options}), rows of a series in date order ({@link LongTableReader});
 *   <li>a folder of single-series CSV files, each read as {@link TimeSeriesCsv} reads one, its id
 *       the file's name ({@link SeriesFolderReader});
 *   <li>the M4 competition's wide table, one row per series: its id, then its values, rows of
 *       different lengths padded with empty cells; no dates ({@link WideTableReader}).
 * </ul>
 *
 * A catalogue that cannot be read right is refused with one message naming the problem and the fix:
 * no id column in a long table, a repeated (id, date) row, a series' rows out of date order, series
 * of different frequencies without a given season, no series at all. A series that is only locally
 * bad (a value that is not a number, a gap in its dates) is kept with its problem ({@link
 * CatalogueSeries#problem()}) so that the others can still be forecast.
 *
 * @param source where the catalogue came from, for messages
 * @param series the series in the order they were read
 * @param frequency the frequency every dated series follows; {@link Frequency#UNDATED} for an
 *     undated catalogue, null when the given season joins several frequencies
 * @param season the season m of every series
 */
public record Catalogue(
    String source, List<CatalogueSeries> series, Frequency frequency, int season) {

  /** The layouts a catalogue can be read from. */
  public enum Format {
    LONG,
    FOLDER,
    WIDE
  }

  /**
   * How to read a catalogue.
   *
   * @param idColumn the long table's series id column
   * @param dateColumn the long table's date column
   * @param valueColumn the value column: in a long table, null for {@code value}; in a folder, null
   *     to let {@link TimeSeriesCsv} choose it in each file
   * @param season the season m, or 0 to take it from the frequency (1 for undated series)
   */
  public record Options(String idColumn, String dateColumn, String valueColumn, int season) {
    public static Options defaults() {
      return new Options("series_id", "date", null, 0);
    }

    public Options withSeason(int m) {
      return new Options(idColumn, dateColumn, valueColumn, m);
    }
  }

  public Catalogue {
    series = List.copyOf(series);
  }

  /**
   * Reads a catalogue in the layout its path shows: a folder is a folder of series; a file whose
   * header starts {@code V1,V2} (M4's files) is a wide table; any other file a long table.
   */
  public static Catalogue read(Path path, Options options) throws IOException {
    return read(path, detect(path), options);
  }

  /** Reads a catalogue in the given layout. */
  public static Catalogue read(Path path, Format format, Options options) throws IOException {
    if (format == Format.FOLDER) {
      return SeriesFolderReader.read(path, options);
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          path + " does not exist; give a CSV file or a folder of them");
    }
    String name = path.getFileName().toString();
    try (Reader in = Utf8Text.open(path)) {
      return format == Format.LONG
          ? LongTableReader.read(name, in, options)
          : WideTableReader.read(name, in, options);
    }
  }

  /** The layout of a path: see {@link #read(Path, Options)}. */
  public static Format detect(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return Format.FOLDER;
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          path + " does not exist; give a CSV file or a folder of them");
    }
    try (var lines = Files.lines(path)) {
      String header = lines.findFirst().orElse("").replace("\"", "").trim();
      return header.matches("(?i)V1,V2.*") ? Format.WIDE : Format.LONG;
    } catch (java.io.UncheckedIOException e) {
      // names the first bad byte and the fix
      Utf8Text.check(path);
      throw new IllegalArgumentException(
          path + " is not a text file: " + e.getCause().getMessage());
    }
  }

  /**
   * Checks what the series read can form: at least one series, and one season for all.
   *
   * @param source where they came from, for messages
   * @param series the series read
   * @param season the given season, or 0
   * @throws IllegalArgumentException for no series, or several frequencies without a season
   */
  static Catalogue of(String source, List<CatalogueSeries> series, int season) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException(
          source
              + " holds no series; give a long table with rows, a folder of CSV files or M4's wide table");
    }
    if (season < 0) {
      throw new IllegalArgumentException("the season must be at least 1, got " + season);
    }
    Map<Frequency, List<String>> byFrequency =
        series.stream()
            .filter(s -> s.frequency() != null)
            .collect(
                Collectors.groupingBy(
                    CatalogueSeries::frequency,
                    LinkedHashMap::new,
                    Collectors.mapping(CatalogueSeries::id, Collectors.toList())));
    Frequency frequency =
        commonFrequency(
            source,
            byFrequency.entrySet().stream()
                .map(e -> new FrequencyGroup(e.getKey(), e.getValue().size(), e.getValue().get(0)))
                .toList(),
            season);
    int m = season > 0 ? season : Objects.requireNonNull(frequency).season();
    // a dated series of one value follows the catalogue's frequency
    List<CatalogueSeries> placed =
        series.stream()
            .map(
                s ->
                    s.frequency() == null && s.start() != null && frequency != null
                        ? new CatalogueSeries(s.id(), s.start(), frequency, s.values(), s.problem())
                        : s)
            .toList();
    return new Catalogue(source, placed, frequency, m);
  }

  /**
   * The series of one frequency.
   *
   * @param frequency their frequency
   * @param series how many
   * @param example one of their ids, for messages
   */
  public record FrequencyGroup(Frequency frequency, long series, String example)
      implements java.io.Serializable {}

  /**
   * The frequency every series shares, when they share one; what {@link #of} decides, for a caller
   * that has only counted the frequencies (a distributed reader).
   *
   * @param source where the series came from, for messages
   * @param groups Not modified. The frequencies seen (series whose frequency cannot be seen left
   *     out), in the order first met.
   * @param season the given season, or 0
   * @return the common frequency ({@link Frequency#YEARLY} when none is seen); null when the given
   *     season joins several
   * @throws IllegalArgumentException for several frequencies without a given season
   */
  public static Frequency commonFrequency(String source, List<FrequencyGroup> groups, int season) {
    if (groups.size() > 1 && season == 0) {
      String mix =
          groups.stream()
              .map(
                  g ->
                      "%s: %d, e.g. %s"
                          .formatted(
                              g.frequency().name().toLowerCase(java.util.Locale.ROOT),
                              g.series(),
                              g.example()))
              .collect(Collectors.joining("; "));
      throw new IllegalArgumentException(
          "%s mixes series of different frequencies (%s); give their common season with --season, or split the catalogue"
              .formatted(source, mix));
    }
    return groups.size() == 1
        ? groups.get(0).frequency()
        : groups.isEmpty() ? Frequency.YEARLY : null;
  }

  public int size() {
    return series.size();
  }

  /** The series that were read whole. */
  public List<CatalogueSeries> usable() {
    return series.stream().filter(CatalogueSeries::usable).toList();
  }

  /** How many values the catalogue holds. */
  public long values() {
    return series.stream().mapToLong(CatalogueSeries::size).sum();
  }
}
