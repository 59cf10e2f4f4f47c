package org.rnnkit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rnnkit.notebook.CellEngine;
import org.rnnkit.notebook.KernelSpec;
import org.rnnkit.notebook.Notebook;
import org.rnnkit.notebook.NotebookRunner;
import org.rnnkit.notebook.RnnKitKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnkit notebook install|uninstall|run|kernel}: rnnkit's Jupyter kernel, its kernelspec,
 * and running a notebook without Jupyter through the same engine.
 */
@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description = {
      "Jupyter notebooks in Java with rnnkit: install the kernel for Jupyter (kernelspec java,"
          + " \"rnnkit (Java)\"), or run a notebook's cells and save their outputs without"
          + " Jupyter."
    },
    subcommands = {
      NotebookCommand.Install.class,
      NotebookCommand.Uninstall.class,
      NotebookCommand.Run.class,
      NotebookCommand.Kernel.class
    })
final class NotebookCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code --prefix DIR}: where kernelspecs go. */
  static final class Prefix {
    @Option(
        names = "--prefix",
        paramLabel = "DIR",
        description =
            "use DIR/share/jupyter/kernels instead of your own Jupyter data folder, as jupyter"
                + " kernelspec install --prefix does (default: your own)")
    Path prefix;

    Path kernels() {
      return prefix != null
          ? KernelSpec.prefixKernels(prefix)
          : KernelSpec.userKernels(
              System.getenv(),
              System.getProperty("os.name"),
              Path.of(System.getProperty("user.home")));
    }
  }

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description = {
        "Write the kernelspec (kernel.json naming this jar) into Jupyter's kernels folder, so"
            + " Jupyter runs notebooks whose kernel is java with rnnkit."
      })
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin Prefix prefix = new Prefix();

    @Option(
        names = "--jar",
        paramLabel = "FILE",
        description = "the all-in-one rnnkit jar Jupyter should start (default: this jar)")
    Path jar;

    @Override
    public Integer call() throws Exception {
      Path runnable = jar != null ? jar : runningJar();
      if (!Files.isRegularFile(runnable)) {
        throw new UserError("cannot install the kernel: no jar at " + runnable);
      }
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Path file =
          UserError.whenInvalidFile(() -> KernelSpec.install(prefix.kernels(), runnable, java));
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "installed the Jupyter kernel \"%s\" (java) in %s%n",
          KernelSpec.DISPLAY_NAME, file.getParent());
      out.printf("it runs %s -jar %s%n", java, runnable.toAbsolutePath());
      out.flush();
      return 0;
    }

    /** The jar this command runs from; a user error when run from classes (a build folder). */
    private static Path runningJar() throws URISyntaxException {
      Path location =
          Path.of(
              NotebookCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(location)) {
        throw new UserError(
            "rnnkit runs from "
                + location
                + ", not a jar; build it (mvn -B -q package -DskipTests)"
                + " and run java -jar target/rnnkit.jar notebook install, or pass --jar");
      }
      return location;
    }
  }

  @Command(
      name = "uninstall",
      mixinStandardHelpOptions = true,
      description = "Remove rnnkit's kernelspec from Jupyter's kernels folder.")
  static final class Uninstall implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin Prefix prefix = new Prefix();

    @Override
    public Integer call() throws Exception {
      Path folder = UserError.whenInvalidFile(() -> KernelSpec.uninstall(prefix.kernels()));
      spec.commandLine().getOut().printf("removed the Jupyter kernel java from %s%n", folder);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run every code cell of each notebook in order through rnnkit's kernel engine, without"
            + " Jupyter, and save the notebook with its outputs (text, charts, errors).",
        "A failing cell ends its notebook: it is saved with the error and later cells left"
            + " empty, and the command exits 1 after the last notebook."
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "1..*",
        paramLabel = "FILE.ipynb",
        description = "the notebooks to run, each with a fresh engine")
    List<Path> files;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description =
            "write the executed notebook here, one notebook only (default: over FILE.ipynb)")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (out != null && files.size() > 1) {
        throw new UserError(
            "--out names one file; give one notebook, or none to save each in place");
      }
      List<Notebook> notebooks = new ArrayList<>();
      for (Path file : files) {
        if (!Files.isRegularFile(file)) {
          throw new UserError("cannot read " + file + ": no such file");
        }
        notebooks.add(UserError.whenInvalidFile(() -> Notebook.read(file)));
      }
      System.setProperty("java.awt.headless", "true");
      int failed = 0;
      for (int i = 0; i < files.size(); i++) {
        failed += run(files.get(i), notebooks.get(i), out != null ? out : files.get(i)) ? 0 : 1;
      }
      return failed == 0 ? 0 : 1;
    }

    /** Runs and saves one notebook; reports it; true if every cell ran. */
    private boolean run(Path file, Notebook notebook, Path target) throws IOException {
      long start = System.nanoTime();
      Optional<NotebookRunner.Failure> failure;
      int cells;
      try (CellEngine engine = new CellEngine()) {
        failure = NotebookRunner.run(notebook, engine);
        cells = engine.executionCount();
      }
      notebook.write(target);
      if (failure.isPresent()) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
            "rnnkit notebook run: %s cell %d failed: %s; wrote %s%n",
            file, failure.get().cell(), failure.get().error().summary(), target);
        err.flush();
        return false;
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(
          "ran %d code cells of %s in %.1f s; wrote %s%n",
          cells, file, (System.nanoTime() - start) / 1e9, target);
      stdout.flush();
      return true;
    }
  }

  @Command(
      name = "kernel",
      mixinStandardHelpOptions = true,
      description = {
        "Serve Jupyter as rnnkit's kernel on the ports of CONNECTION_FILE (Jupyter starts this;"
            + " see notebook install)."
      })
  static final class Kernel implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "CONNECTION_FILE",
        description = "Jupyter's connection file")
    Path connectionFile;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(connectionFile)) {
        throw new UserError("cannot read " + connectionFile + ": no such file");
      }
      System.setProperty("java.awt.headless", "true");
      UserError.whenInvalidFile(
          () -> {
            RnnKitKernel.serve(connectionFile, Version.current());
            return null;
          });
      return 0;
    }
  }
}
