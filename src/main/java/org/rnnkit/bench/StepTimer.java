package org.rnnkit.bench;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Times a step: warm-up for a while, then times single steps and reports the median, with the bytes
 * the calling thread allocated per step ({@code com.sun.management.ThreadMXBean}; native memory and
 * other threads' allocations are not counted).
 *
 * @param warmupSeconds at least this long, and at least {@code minSteps} steps, before timing
 * @param measureSeconds time steps for about this long, at least {@code minSteps}
 * @param minSteps at least 1
 * @param maxSteps at most this many timed steps
 */
public record StepTimer(double warmupSeconds, double measureSeconds, int minSteps, int maxSteps) {

  /** The median time of one step and the bytes allocated per step. */
  public record Timing(double millisPerStep, double bytesPerStep, int steps) {}

  public StepTimer {
    if (!(warmupSeconds >= 0) || !(measureSeconds >= 0) || minSteps < 1 || maxSteps < minSteps) {
      throw new IllegalArgumentException(
          "timer needs seconds >= 0 and 1 <= minSteps <= maxSteps, got %s, %s, %d, %d"
              .formatted(warmupSeconds, measureSeconds, minSteps, maxSteps));
    }
  }

  /** Warms up and times {@code step}; its result is consumed so the JIT keeps the work. */
  public Timing time(DoubleSupplier step) {
    double sink = 0;
    long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    for (int i = 0; i < minSteps || System.nanoTime() < warmEnd; i++) {
      sink += step.getAsDouble();
    }
    double[] millis = new double[maxSteps];
    int n = 0;
    long measureEnd = System.nanoTime() + (long) (measureSeconds * 1e9);
    long bytesBefore = allocatedBytes();
    while (n < maxSteps && (n < minSteps || System.nanoTime() < measureEnd)) {
      long start = System.nanoTime();
      sink += step.getAsDouble();
      millis[n++] = (System.nanoTime() - start) / 1e6;
    }
    long bytes = allocatedBytes() - bytesBefore;
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("the benchmarked step produced NaN");
    }
    double median = new Median().evaluate(millis, 0, n);
    return new Timing(median, (double) bytes / n, n);
  }

  /** Bytes allocated so far by the calling thread, or 0 where the JVM cannot tell. */
  static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        && bean.isThreadAllocatedMemorySupported()) {
      return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return 0;
  }
}
