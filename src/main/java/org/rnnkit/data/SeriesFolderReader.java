package org.rnnkit.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a {@link Catalogue} from a folder of single-series CSV files ({@code *.csv}, in name
 * order), each read as {@link TimeSeriesCsv} reads one file; a series' id is its file's name
 * without {@code .csv}. A file that cannot be read as a series becomes a series with that problem.
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
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      TimeSeries s =
          TimeSeriesCsv.read(name, in, new TimeSeriesCsv.Options(options.valueColumn(), false));
      java.time.LocalDate start = s.dates() == null ? null : s.dates().get(0);
      // one dated value shows no spacing
      Frequency f = start != null && s.size() == 1 ? null : s.frequency();
      return new CatalogueSeries(id, start, f, s.values(), null);
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      return new CatalogueSeries(id, null, null, new double[0], e.getMessage());
    }
  }
}
