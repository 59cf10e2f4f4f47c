package org.rnnkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example in README.md compiles against the library and runs, so it cannot rot. */
class ReadmeExampleTest {
  private static final String IMPORTS =
      """
      import java.util.Random;
      import org.rnnkit.loss.*;
      import org.rnnkit.nn.*;
      import org.rnnkit.nn.cell.*;
      import org.rnnkit.nn.layer.*;
      import org.rnnkit.optim.*;
      import org.rnnkit.train.*;
      """;

  @Test
  void javaExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README.md has no ```java example");
    String source =
        IMPORTS
            + "public class ReadmeExample {\n  public static void main(String[] args) {\n"
            + m.group(1)
            + "  }\n}\n";
    Path file = dir.resolve("ReadmeExample.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "tests need a JDK, not a JRE");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code =
        javac.run(
            null,
            null,
            errors,
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            file.toString());
    assertEquals(0, code, () -> "README example does not compile:\n" + errors);

    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("ReadmeExample").getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = printed.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("loss after training: "), out);
    double loss = Double.parseDouble(out.substring("loss after training: ".length()).trim());
    assertTrue(loss < 0.01, "the example should fit its two targets, loss " + loss);
  }
}
