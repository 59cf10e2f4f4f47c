package org.rnnkit.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a {@link Catalogue} from a folder of single-series CSV files ({@code *.csv}, in name
 * order), each checked as UTF-8 text ({@link Utf8Text}) and read as {@link TimeSeriesCsv} reads one
 * file; a series' id is its file's name without {@code .csv}. A file that cannot be read as a
 * series (not UTF-8 text, a value that is not a number, ...) becomes a series with that problem.
 */
final class SeriesFolderReader {
  private SeriesFolderReader() {}

  static Catalogue read(Path folder, Catalogue.Options options) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files =
          listing
              .filter(
                  p ->
                      p.getFileName()
                          .toString()
                          .toLowerCase(java.util.Locale.ROOT)
                          .endsWith(".csv"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    List<CatalogueSeries> series = new ArrayList<>(files.size());
    for (Path file : files) {
      series.add(readOne(file, options));
    }
    return Catalogue.of(folder + " (a folder of CSV files)", series, options.season());
  }

  private static CatalogueSeries readOne(Path file, Catalogue.Options options) throws IOException {
    String name = file.getFileName().toString();
    String id = name.substring(0, name.length() - ".csv".length());
    try {
      // checked as UTF-8 text, as forecast --data reads a file
      String text = Utf8Text.read(file, TimeSeriesCsv.MAX_BYTES);
      TimeSeries s =
          TimeSeriesCsv.read(
              name,
              new java.io.StringReader(text),
              new TimeSeriesCsv.Options(options.valueColumn(), false));
      java.time.LocalDateTime start = s.dates() == null ? null : s.dates().get(0);
      // one dated value shows no spacing
      Frequency f = start != null && s.size() == 1 ? null : s.frequency();
      return new CatalogueSeries(id, start, f, s.values(), null);
    } catch (IllegalArgumentException e) {
      return new CatalogueSeries(id, null, null, new double[0], e.getMessage());
    }
  }
}
