package org.rnnkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnkit.audio.TestWavs;

class SpeechCommandTest {
  @TempDir Path dir;

  /** Three words by three speakers, two takes each, as WAV files. */
  private Path words(String name, int speakers, int firstTake) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    String[] words = {"up", "down", "beep"};
    for (int s = 0; s < speakers; s++) {
      for (int w = 0; w < words.length; w++) {
        for (int i = firstTake; i < firstTake + 2; i++) {
          double[] x = TestWavs.tone(400 + 500 * w + 40 * s, 0.4, 0.15 + 0.05 * w, 8000);
          TestWavs.write16(folder.resolve("%s_s%d_%d.wav".formatted(words[w], s, i)), x, 8000);
        }
      }
    }
    return folder;
  }

  private static CliRun train(String... args) {
    String[] all =
        Stream.concat(
                Stream.of("speech", "train", "--quiet", "--hidden", "4", "--epochs", "2"),
                Stream.of(args))
            .toArray(String[]::new);
    return CliRun.of(all);
  }

  /** Exit code 2 and exactly one line on standard error, containing {@code expected}. */
  private static void assertUserError(CliRun r, String expected) {
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(expected), r.err());
  }

  @Test
  void trainsTestsAndPredicts() throws IOException {
    Path data = words("words", 3, 0);
    Path out = dir.resolve("out");
    CliRun r = train("--data", data.toString(), "--split", "speaker:s2", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    var metrics =
        JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
    assertEquals(6, metrics.get("test").getAsInt());
    assertEquals(6, metrics.get("train").getAsInt());
    assertEquals(6, metrics.get("validation").getAsInt());
    assertEquals(3, metrics.getAsJsonObject("per_class").size());
    assertEquals(3, metrics.getAsJsonArray("confusion").size());
    double accuracy = metrics.get("accuracy").getAsDouble();
    assertTrue(accuracy >= 0 && accuracy <= 1);
    assertTrue(metrics.get("seconds").getAsDouble() > 0);
    for (String png : new String[] {"confusion.png", "loss.png", "features.png"}) {
      var image = ImageIO.read(out.resolve(png).toFile());
      assertEquals(1200, image.getWidth(), png);
      assertEquals(800, image.getHeight(), png);
    }
    Path wav = data.resolve("beep_s2_0.wav");
    CliRun p =
        CliRun.of(
            "speech", "predict", "--model", out.resolve("model.npz").toString(), wav.toString());
    assertEquals(0, p.code(), p.err());
    String[] fields = p.out().strip().split("\t");
    assertEquals(wav.toString(), fields[0]);
    assertTrue(java.util.List.of("up", "down", "beep").contains(fields[1]), p.out());
    double probability = Double.parseDouble(fields[2]);
    assertTrue(probability > 0 && probability <= 1, p.out());

    Path text = Files.writeString(dir.resolve("x.wav"), "text");
    assertUserError(
        CliRun.of(
            "speech", "predict", "--model", out.resolve("model.npz").toString(), text.toString()),
        "x.wav is not a PCM WAV file");
    assertUserError(
        CliRun.of(
            "speech", "predict", "--model", dir.resolve("none.npz").toString(), text.toString()),
        "none.npz: no such file");
  }

  @Test
  void aFolderWithoutWavFilesIsAUserError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("readme.txt"), "no audio here");
    assertUserError(train("--data", empty.toString()), "has no .wav files");
  }

  @Test
  void badFileNamesAreListed() throws IOException {
    Path data = words("names", 2, 0);
    TestWavs.write16(data.resolve("hello.wav"), new double[800], 8000);
    assertUserError(train("--data", data.toString()), "hello.wav");
  }

  @Test
  void splitsThatLeaveNoTestOrNoTrainingFilesAreUserErrors() throws IOException {
    Path late = words("late", 2, 5);
    assertUserError(train("--data", late.toString(), "--split", "index"), "leaves no test files");
    Path early = words("early", 2, 0);
    assertUserError(
        train("--data", early.toString(), "--split", "index"), "leaves no training files");
    Path one = words("one", 1, 0);
    assertUserError(
        train("--data", one.toString(), "--split", "speaker:s0"), "leaves no training files");
  }

  @Test
  void anUnknownSpeakerIsNamedWithTheOnesThatExist() throws IOException {
    Path data = words("who", 2, 0);
    assertUserError(
        train("--data", data.toString(), "--split", "speaker:zed"),
        "speech train: no speaker 'zed' in the data; the speakers are [s0, s1]");
    assertUserError(train("--data", data.toString(), "--split", "people"), "--split must be");
  }

  @Test
  void anUnreadableRecordingStopsTrainingUnlessSkipped() throws IOException {
    Path data = words("bad", 3, 0);
    Files.writeString(data.resolve("up_s0_7.wav"), "not audio");
    assertUserError(train("--data", data.toString()), "up_s0_7.wav is not a PCM WAV file");
    Path out = dir.resolve("skipped");
    CliRun r =
        CliRun.of(
            "speech",
            "train",
            "--hidden",
            "4",
            "--epochs",
            "1",
            "--data",
            data.toString(),
            "--skip-bad",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("skipped 1 unreadable recording"), r.err());
    assertTrue(r.err().contains("up_s0_7.wav"), r.err());
  }
}
