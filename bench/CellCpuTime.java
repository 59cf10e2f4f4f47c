import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.rnnkit.bench.Shape;
import org.rnnkit.bench.Workload;
import org.rnnkit.nn.cell.CellType;

/**
 * The plain cells' training step and inference pass timed in this thread's CPU time, not wall
 * time: on a machine loaded many times over its cores, wall-clock medians mostly measure the
 * scheduler, while CPU time counts only the time the step ran. Prints one line per cell and shape:
 * the median CPU microseconds per training step and per inference pass over `rounds` rounds of
 * `steps` steps each, after a warm-up.
 *
 * <pre>
 *   java -cp target/rnnkit.jar bench/CellCpuTime.java [rounds] [steps]
 * </pre>
 */
public class CellCpuTime {
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (Shape shape : new Shape[] {Shape.SMALL, Shape.MEDIUM}) {
      for (CellType cell : new CellType[] {CellType.LSTM, CellType.GRU, CellType.RNN_TANH}) {
        Workload w = new Workload(cell, shape, 1);
        for (int i = 0; i < 3 * steps; i++) {
          w.trainStep();
          w.infer();
        }
        double[] train = new double[rounds];
        double[] infer = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          long t0 = bean.getCurrentThreadCpuTime();
          for (int i = 0; i < steps; i++) {
            w.trainStep();
          }
          long t1 = bean.getCurrentThreadCpuTime();
          for (int i = 0; i < steps; i++) {
            w.infer();
          }
          long t2 = bean.getCurrentThreadCpuTime();
          train[r] = (t1 - t0) / 1e3 / steps;
          infer[r] = (t2 - t1) / 1e3 / steps;
        }
        System.out.printf(
            "%s %s train_us %.1f infer_us %.1f%n",
            shape.name(), cell.id(), median(train), median(infer));
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
