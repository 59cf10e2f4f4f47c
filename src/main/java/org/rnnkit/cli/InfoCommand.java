package org.rnnkit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.rnnkit.nn.cell.Cell;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rnnkit info}: version, Java runtime and the cells available. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Print the version, the Java runtime and the recurrent cells available.")
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("rnnkit %s%n", Version.current());
    out.printf(
        "java   %s (%s), %d cores available%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors());
    out.printf(
        "linalg %s matrix products, %d thread(s) (-Drnnkit.blas=auto|openblas|java)%n",
        MatMul.current().name(), MatMul.threads());
    out.println("cells  (gate order as PyTorch):");
    for (CellType type : CellType.values()) {
      Cell cell = type.create();
      out.printf("  %-9s %d gate block(s)%s%n", type.id(), cell.gateCount(), gates(type));
    }
    out.flush();
    return 0;
  }

  private static String gates(CellType type) {
    return switch (type) {
      case LSTM -> ": i, f, g, o; state h and c";
      case GRU -> ": r, z, n (reset after the recurrent product)";
      case RNN_TANH -> ": h = tanh(W_ih x + b_ih + W_hh h + b_hh)";
      case RNN_RELU -> ": h = relu(W_ih x + b_ih + W_hh h + b_hh)";
    };
  }
}
