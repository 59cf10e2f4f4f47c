package org.rnnkit.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.fuzz.Fuzz;

/**
 * Issue 20: random and mutated CSV files end in the reader's {@link IllegalArgumentException} with
 * a message, or read; never another exception, an {@link Error}, a hang or an allocation beyond a
 * bound. Fixed seeds, bounded cases.
 */
@Timeout(60)
class CsvFuzzTest {
  private static final long MAX_ALLOCATED = 16 << 20;

  @TempDir Path dir;

  private void read(byte[] bytes) throws Exception {
    Path file = Files.write(dir.resolve("fuzz.csv"), bytes);
    TimeSeriesCsv.read(file, new TimeSeriesCsv.Options(null, false), notice -> {});
  }

  @Test
  void mutatedCsvFiles() {
    StringBuilder csv = new StringBuilder("date,value,other\n");
    for (int i = 0; i < 30; i++) {
      csv.append("%d-%02d,%d.5,\"x, y\"\n".formatted(1990 + i / 12, i % 12 + 1, 100 + i));
    }
    int refused =
        Fuzz.mutations(
            csv.toString().getBytes(StandardCharsets.UTF_8),
            30,
            400,
            IllegalArgumentException.class,
            MAX_ALLOCATED,
            this::read);
    assertTrue(refused > 50, refused + " of 400 refused");
  }

  /** Files assembled from the tokens of a time-series CSV, in random order and number. */
  @Test
  void generatedCsvFiles() {
    String[] tokens = {
      "date",
      "value",
      "y",
      "t",
      ",",
      ";",
      "\t",
      "\n",
      "\r\n",
      "\"",
      "1990",
      "1990-01",
      "1990-Q3",
      "1990-13",
      "2000-02-30",
      "NA",
      "",
      "1e308",
      "-1e308",
      "NaN",
      "Infinity",
      "0x10",
      "1,5",
      "-",
      "\uFEFF",
      "\u00e9",
      " "
    };
    Random rng = new Random(31);
    for (int i = 0; i < 400; i++) {
      StringBuilder sb = new StringBuilder();
      for (int n = rng.nextInt(40); n > 0; n--) {
        sb.append(tokens[rng.nextInt(tokens.length)]);
      }
      byte[] bytes =
          sb.toString()
              .getBytes(rng.nextInt(8) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      Fuzz.check(bytes, "file " + i, IllegalArgumentException.class, MAX_ALLOCATED, this::read);
    }
  }
}
