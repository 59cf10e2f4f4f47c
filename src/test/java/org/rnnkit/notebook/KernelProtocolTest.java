package org.rnnkit.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Drives the kernel over Jupyter's own protocol: starts it in a JVM of its own as Jupyter does
 * (with a connection file naming five TCP ports and an HMAC key), then, as a front end, asks for
 * kernel info, executes a cell that prints, displays a chart and ends with an expression, executes
 * one that throws, and shuts the kernel down. Every message is signed and every reply's signature
 * checked.
 */
class KernelProtocolTest {
  private static final int SECONDS = 120;
  private static final String DELIMITER = "<IDS|MSG>";

  @TempDir Path dir;

  private final String key = UUID.randomUUID().toString();
  private final String session = UUID.randomUUID().toString();

  @Test
  void aFrontEndExecutesCellsOverZeroMq() throws Exception {
    int[] ports = freePorts(5);
    JsonObject connection = new JsonObject();
    connection.addProperty("ip", "127.0.0.1");
    connection.addProperty("transport", "tcp");
    connection.addProperty("signature_scheme", "hmac-sha256");
    connection.addProperty("key", key);
    connection.addProperty("shell_port", ports[0]);
    connection.addProperty("iopub_port", ports[1]);
    connection.addProperty("stdin_port", ports[2]);
    connection.addProperty("control_port", ports[3]);
    connection.addProperty("hb_port", ports[4]);
    Path file = dir.resolve("kernel-test.json");
    Files.writeString(file, connection.toString());

    // kernel.json's argv, with the class path of this build in place of the jar
    Process kernel =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.rnnkit.cli.RnnKit",
                "notebook",
                "kernel",
                file.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("kernel.log").toFile())
            .start();
    try (ZContext context = new ZContext()) {
      ZMQ.Socket shell = connect(context, SocketType.DEALER, ports[0]);
      ZMQ.Socket control = connect(context, SocketType.DEALER, ports[3]);
      ZMQ.Socket iopub = connect(context, SocketType.SUB, ports[1]);
      iopub.subscribe(new byte[0]);

      JsonObject info = request(shell, "kernel_info_request", new JsonObject());
      assertEquals("kernel_info_reply", type(info));
      assertEquals(
          "java", content(info).getAsJsonObject("language_info").get("name").getAsString());

      JsonObject execute = new JsonObject();
      execute.addProperty(
          "code",
          "System.out.println(\"hello from rnnkit\");\n"
              + "display(new org.rnnkit.chart.LineChart(\"t\", \"x\", \"y\")\n"
              + "    .add(org.rnnkit.chart.Series.indexed(\"s\", new double[] {1, 4, 9})).build());\n"
              + "6 * 7");
      execute.addProperty("silent", false);
      execute.addProperty("store_history", true);
      execute.add("user_expressions", new JsonObject());
      execute.addProperty("allow_stdin", false);
      execute.addProperty("stop_on_error", true);
      JsonObject reply = request(shell, "execute_request", execute);
      assertEquals("ok", content(reply).get("status").getAsString(), reply.toString());
      assertEquals(1, content(reply).get("execution_count").getAsInt());
      List<JsonObject> published = publishedFor(iopub, parentId(reply));
      assertEquals(
          List.of("status", "execute_input", "stream", "display_data", "execute_result", "status"),
          published.stream().map(KernelProtocolTest::type).toList());
      assertEquals("hello from rnnkit\n", content(published.get(2)).get("text").getAsString());
      String png = content(published.get(3)).getAsJsonObject("data").get("image/png").getAsString();
      byte[] magic = Arrays.copyOf(Base64.getDecoder().decode(png), 4);
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, magic);
      JsonObject result = content(published.get(4));
      assertEquals("42", result.getAsJsonObject("data").get("text/plain").getAsString());
      assertEquals(1, result.get("execution_count").getAsInt());

      execute.addProperty("code", "int a = 1;\nthrow new IllegalArgumentException(\"no \" + a);");
      JsonObject failed = request(shell, "execute_request", execute);
      assertEquals("error", content(failed).get("status").getAsString());
      JsonObject error =
          publishedFor(iopub, parentId(failed)).stream()
              .filter(m -> type(m).equals("error"))
              .findFirst()
              .orElseThrow();
      assertEquals("java.lang.IllegalArgumentException", content(error).get("ename").getAsString());
      assertEquals("no 1", content(error).get("evalue").getAsString());
      assertTrue(
          content(error).get("traceback").toString().contains("In [2], line 2"), error.toString());

      JsonObject shutdown = new JsonObject();
      shutdown.addProperty("restart", false);
      assertEquals("shutdown_reply", type(request(control, "shutdown_request", shutdown)));
      assertTrue(kernel.waitFor(SECONDS, TimeUnit.SECONDS), "the kernel did not exit");
      assertEquals(0, kernel.exitValue(), Files.readString(dir.resolve("kernel.log")));
    } finally {
      kernel.destroyForcibly();
    }
  }

  private static ZMQ.Socket connect(ZContext context, SocketType type, int port) {
    ZMQ.Socket socket = context.createSocket(type);
    socket.setReceiveTimeOut(SECONDS * 1000);
    socket.connect("tcp://127.0.0.1:" + port);
    return socket;
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  /** Sends a signed request and returns its reply (header, parent_header, content). */
  private JsonObject request(ZMQ.Socket socket, String type, JsonObject content) throws Exception {
    JsonObject header = new JsonObject();
    header.addProperty("msg_id", UUID.randomUUID().toString());
    header.addProperty("session", session);
    header.addProperty("username", "test");
    header.addProperty("date", Instant.now().toString());
    header.addProperty("msg_type", type);
    header.addProperty("version", "5.3");
    String[] parts = {header.toString(), "{}", "{}", content.toString()};
    socket.sendMore(DELIMITER);
    socket.sendMore(sign(parts));
    for (int i = 0; i < parts.length; i++) {
      if (i < parts.length - 1) {
        socket.sendMore(parts[i]);
      } else {
        socket.send(parts[i]);
      }
    }
    JsonObject reply = receive(socket);
    assertEquals(
        header.get("msg_id").getAsString(),
        parentId(reply),
        "a reply to another request: " + reply);
    return reply;
  }

  /** The next message on {@code socket}, its signature checked. */
  private JsonObject receive(ZMQ.Socket socket) throws Exception {
    List<String> frames = new ArrayList<>();
    do {
      byte[] frame = socket.recv();
      assertNotNull(frame, "no message from the kernel within " + SECONDS + " s");
      frames.add(new String(frame, StandardCharsets.UTF_8));
    } while (socket.hasReceiveMore());
    int at = frames.indexOf(DELIMITER);
    String[] parts = frames.subList(at + 2, at + 6).toArray(new String[0]);
    assertEquals(sign(parts), frames.get(at + 1), "bad signature on " + frames);
    JsonObject message = new JsonObject();
    message.add("header", JsonParser.parseString(parts[0]));
    message.add("parent_header", JsonParser.parseString(parts[1]));
    message.add("content", JsonParser.parseString(parts[3]));
    return message;
  }

  /** What the kernel published on iopub for request {@code parent}, up to its idle status. */
  private List<JsonObject> publishedFor(ZMQ.Socket iopub, String parent) throws Exception {
    List<JsonObject> messages = new ArrayList<>();
    while (true) {
      JsonObject m = receive(iopub);
      if (!parent.equals(parentId(m))) {
        continue;
      }
      messages.add(m);
      if (type(m).equals("status")
          && content(m).get("execution_state").getAsString().equals("idle")) {
        return messages;
      }
    }
  }

  private String sign(String[] parts) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    for (String part : parts) {
      mac.update(part.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(mac.doFinal());
  }

  private static String type(JsonObject message) {
    return message.getAsJsonObject("header").get("msg_type").getAsString();
  }

  private static String parentId(JsonObject message) {
    JsonObject parent = message.getAsJsonObject("parent_header");
    return parent.has("msg_id") ? parent.get("msg_id").getAsString() : "";
  }

  private static JsonObject content(JsonObject message) {
    return message.getAsJsonObject("content");
  }
}
