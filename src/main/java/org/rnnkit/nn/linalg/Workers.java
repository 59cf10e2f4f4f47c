package org.rnnkit.nn.linalg;

import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the parts of a task side by side: part 0 on the calling thread, the others on persistent
 * daemon worker threads, and returns when all are done. Nothing is allocated per run, so a layer
 * can split each pass over sequences of a batch (their recurrences are independent), and a backend
 * a large product over rows, without garbage. One task runs at a time; other threads wait for it. A
 * run started from inside a part ({@link #busy()}) runs its parts one after another on the calling
 * thread instead, so nesting can neither deadlock nor overwrite a worker's task.
 */
public final class Workers {
  /** The most parts a run may have. */
  public static final int MAX_PARTS = 64;

  private static final Worker[] POOL = new Worker[MAX_PARTS];
  private static int started;

  private Workers() {}

  /**
   * Calls {@code body.accept(p)} for p = 0..parts-1, part 0 on this thread; rethrows the first
   * failure of any part.
   *
   * @param parts 1 to 64
   * @param body Not modified; keep it in a field (a lambda made per call allocates)
   */
  public static void run(int parts, IntConsumer body) {
    if (parts < 1 || parts > POOL.length) {
      throw new IllegalArgumentException("parts must be 1.." + POOL.length + ", got " + parts);
    }
    if (busy()) {
      for (int p = 0; p < parts; p++) {
        body.accept(p);
      }
      return;
    }
    runSideBySide(parts, body);
  }

  /**
   * True on a worker thread, and on a thread whose run is in progress: work started there should
   * not be split again (it would run inline anyway).
   */
  public static boolean busy() {
    return Thread.currentThread() instanceof WorkerThread || Thread.holdsLock(Workers.class);
  }

  private static synchronized void runSideBySide(int parts, IntConsumer body) {
    while (started < parts - 1) {
      POOL[started] = new Worker(started + 1);
      started++;
    }
    Thread caller = Thread.currentThread();
    for (int p = 1; p < parts; p++) {
      POOL[p - 1].submit(body, caller);
    }
    Throwable failure = null;
    try {
      body.accept(0);
    } catch (Throwable e) {
      failure = e;
    }
    for (int p = 1; p < parts; p++) {
      Throwable e = POOL[p - 1].await();
      if (failure == null) {
        failure = e;
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  /** The threads of the pool, recognisable by {@link #busy()}. */
  private static final class WorkerThread extends Thread {
    WorkerThread(Runnable body, String name) {
      super(body, name);
    }
  }

  /** One persistent thread that runs one part per submission. */
  private static final class Worker implements Runnable {
    private final int part;
    private final Thread thread;
    private volatile IntConsumer task;
    private volatile boolean done = true;
    private volatile Thread waiter;
    private Throwable failure;

    Worker(int part) {
      this.part = part;
      thread = new WorkerThread(this, "rnnkit-worker-" + part);
      thread.setDaemon(true);
      thread.start();
    }

    void submit(IntConsumer body, Thread caller) {
      failure = null;
      waiter = caller;
      done = false;
      task = body;
      LockSupport.unpark(thread);
    }

    Throwable await() {
      for (int spin = 0; !done; spin++) {
        if (spin < 2_000) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      return failure;
    }

    @Override
    public void run() {
      for (int spin = 0; ; spin++) {
        IntConsumer t = task;
        if (t == null) {
          if (spin < 2_000) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
          continue;
        }
        spin = 0;
        try {
          t.accept(part);
        } catch (Throwable e) {
          failure = e;
        }
        task = null;
        done = true;
        LockSupport.unpark(waiter);
      }
    }
  }
}
