package org.rnnkit.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rnnkit.bench.Shape;
import org.rnnkit.bench.Workload;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.nn.linalg.MatMul;

/**
 * One training step (forward over every step, linear head at every step, MSE, BPTT, Adam) and one
 * inference pass, for every cell x config x thread count, float64. Run with the GC profiler for the
 * allocation per operation ({@code gc.alloc.rate.norm}):
 *
 * <pre>
 *   mvn -B -Pjmh package -DskipTests
 *   java -cp target/rnnkit.jar org.openjdk.jmh.Main StepBenchmark -prof gc
 *   java -cp target/rnnkit.jar org.openjdk.jmh.Main StepBenchmark -p config=large -p threads=1,2
 * </pre>
 *
 * Add {@code -jvmArgs -Drnnkit.blas=java} for the pure-Java products.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StepBenchmark {
  @Param({"lstm", "gru", "rnn"})
  public String cell;

  @Param({"small", "medium", "large"})
  public String config;

  @Param({"1", "2"})
  public int threads;

  private Workload workload;

  @Setup(Level.Trial)
  public void setUp() {
    MatMul.setThreads(threads);
    workload = new Workload(CellType.parse(cell), Shape.parse(config), 42);
  }

  /** Forward, head, MSE, BPTT, Adam. */
  @Benchmark
  public double trainStep() {
    return workload.trainStep();
  }

  /** Forward and head only. */
  @Benchmark
  public double inference() {
    return workload.infer();
  }
}
