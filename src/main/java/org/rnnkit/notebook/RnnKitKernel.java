package org.rnnkit.notebook;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * rnnkit's Jupyter kernel: the Jupyter messaging protocol (ZeroMQ channels, signed messages,
 * busy/idle status; JJava's {@code jjava-jupyter} library) in front of a {@link CellEngine}. An
 * {@code execute_request} publishes the cell's printed text as {@code stream} messages while it
 * runs, {@code display(x)} as {@code display_data}, the last expression as {@code execute_result}
 * and a failure as {@code error}; {@code interrupt_request} interrupts the running cell; {@code
 * complete_request} offers JShell's completions. Jupyter starts it with {@code java -jar rnnkit.jar
 * notebook kernel CONNECTION_FILE} ({@link KernelSpec}).
 */
public final class RnnKitKernel extends BaseKernel {
  private final CellEngine engine;

  private RnnKitKernel(String version, CellEngine engine) {
    super(
        "rnnkit",
        version,
        languageInfoOf(languageInfo()),
        List.of(),
        null,
        new JupyterIO(StandardCharsets.UTF_8),
        new CommManager(),
        new Renderer(),
        null,
        null,
        false,
        new StringStyler.Builder().build());
    this.engine = engine;
  }

  /**
   * Serves Jupyter on the ports of {@code connectionFile} until it asks the kernel to shut down.
   *
   * @param version rnnkit's version, for {@code kernel_info_reply}
   */
  public static void serve(Path connectionFile, String version)
      throws IOException, GeneralSecurityException {
    KernelConnectionProperties properties;
    try {
      properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(connectionFile + " is not a Jupyter connection file");
    }
    // the library's log (java.util.logging) says only what goes wrong, on the kernel's own stderr
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    try (CellEngine engine = new CellEngine()) {
      JupyterConnection connection = new JupyterConnection(properties);
      RnnKitKernel kernel = new RnnKitKernel(version, engine);
      kernel.becomeHandlerForConnection(connection);
      connection.connect();
      connection.waitUntilClose();
    }
  }

  /** The {@code language_info} of cells run by this kernel. */
  static Map<String, String> languageInfo() {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("name", "java");
    info.put("version", System.getProperty("java.specification.version"));
    info.put("mimetype", "text/x-java-source");
    info.put("file_extension", ".jshell");
    info.put("pygments_lexer", "java");
    info.put("codemirror_mode", "java");
    return info;
  }

  private static LanguageInfo languageInfoOf(Map<String, String> info) {
    return new LanguageInfo.Builder(info.get("name"))
        .version(info.get("version"))
        .mimetype(info.get("mimetype"))
        .fileExtension(info.get("file_extension"))
        .pygments(info.get("pygments_lexer"))
        .codemirror(info.get("codemirror_mode"))
        .build();
  }

  @Override
  protected synchronized void handleExecuteRequest(
      ShellReplyEnvironment env, Message<ExecuteRequest> message) {
    ExecuteRequest request = message.getContent();
    int count = engine.executionCount() + 1;
    env.setBusyDeferIdle();
    env.publish(new PublishExecuteInput(request.getCode(), count));
    Optional<CellError> error = engine.execute(request.getCode(), publisher(env, count));
    if (error.isEmpty()) {
      env.defer().reply(new ExecuteReply(count, Map.of()));
      return;
    }
    CellError e = error.get();
    env.publish(new PublishError(e.name(), e.message(), e.traceback()));
    ErrorReply reply = new ErrorReply(e.name(), e.message(), e.traceback());
    reply.setExecutionCount(count);
    env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
  }

  /** Sends a cell's outputs to the front end as they come. */
  private static CellOutput publisher(ShellReplyEnvironment env, int count) {
    return new CellOutput() {
      @Override
      public void stream(String name, String text) {
        PublishStream.StreamType type =
            name.equals("stderr") ? PublishStream.StreamType.ERR : PublishStream.StreamType.OUT;
        env.publish(new PublishStream(type, text));
      }

      @Override
      public void display(Map<String, String> bundle) {
        env.publish(new PublishDisplayData(displayData(bundle)));
      }

      @Override
      public void result(Map<String, String> bundle) {
        env.publish(new PublishExecuteResult(count, displayData(bundle)));
      }
    };
  }

  private static DisplayData displayData(Map<String, String> bundle) {
    DisplayData data = new DisplayData();
    bundle.forEach(data::putData);
    return data;
  }

  @Override
  public Object evalRaw(String source) {
    throw new UnsupportedOperationException("rnnkit's kernel runs code through execute requests");
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return null;
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    CellEngine.Completions completions = engine.complete(code, at);
    return new ReplacementOptions(completions.texts(), completions.anchor(), at);
  }

  @Override
  public String isComplete(String code) {
    return engine.isComplete(code) ? IS_COMPLETE_YES : "  ";
  }

  @Override
  public void interrupt() {
    engine.interrupt();
  }
}
