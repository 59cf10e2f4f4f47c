package org.rnnkit.docs;

import static java.util.stream.Collectors.joining;
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
  @Test
  void javaExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README.md has no ```java example");
    // the example starts with its imports, as a reader copies it
    String imports =
        m.group(1).lines().filter(l -> l.startsWith("import ")).collect(joining("\n", "", "\n"));
    String body =
        m.group(1).lines().filter(l -> !l.startsWith("import ")).collect(joining("\n", "", "\n"));
    assertTrue(imports.contains("import org.rnnkit.nn.SequenceModel;"), imports);
    String source =
        imports
            + "public class ReadmeExample {\n  public static void main(String[] args) {\n"
            + body
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
    String first = out.lines().findFirst().orElseThrow();
    double loss = Double.parseDouble(first.substring("loss after training: ".length()).trim());
    assertTrue(out.lines().skip(1).findFirst().orElse("").startsWith("mae "), out);
    assertTrue(loss < 0.01, "the example should fit its two targets, loss " + loss);
  }
}
