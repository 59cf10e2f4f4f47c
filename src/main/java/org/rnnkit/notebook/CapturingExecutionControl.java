package org.rnnkit.notebook;

import java.lang.reflect.Method;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution, keeping the object a snippet evaluates to (JShell itself only
 * passes on its text), and running each snippet on a thread of its own so that an interrupt can end
 * the wait. Snippets run in this JVM, so they share its classes (rnnkit's, and {@link Display}'s
 * link to the running cell).
 */
final class CapturingExecutionControl extends LocalExecutionControl {
  /** Marks "no value captured since the last {@link #takeValue}". */
  static final Object NONE = new Object();

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "notebook-cell-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
  private volatile Future<Object> running;
  private volatile Object value = NONE;

  /** The provider to hand to {@code JShell.builder().executionEngine(provider, null)}. */
  static ExecutionControlProvider provider(CapturingExecutionControl control) {
    return new ExecutionControlProvider() {
      @Override
      public String name() {
        return "rnnkit-capturing";
      }

      @Override
      public ExecutionControl generate(ExecutionEnv env, java.util.Map<String, String> parameters) {
        return control;
      }
    };
  }

  /** The value captured since the last call, or {@link #NONE}; forgets it. */
  Object takeValue() {
    Object v = value;
    value = NONE;
    return v;
  }

  /** Interrupts the running snippet; it ends with an "interrupted" error. */
  void interrupt() {
    Future<Object> f = running;
    if (f != null) {
      f.cancel(true);
    }
  }

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    Future<Object> task = threads.submit(() -> doitMethod.invoke(null));
    running = task;
    try {
      Object result = task.get();
      value = result;
      return valueString(result);
    } catch (CancellationException e) {
      throw new UserException(
          "the cell was interrupted", "java.lang.InterruptedException", new StackTraceElement[0]);
    } catch (ExecutionException e) {
      // an InvocationTargetException: DirectExecutionControl turns it into the user's exception
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      running = null;
    }
  }

  @Override
  public String varValue(String className, String varName)
      throws RunException, EngineTerminationException, InternalException {
    try {
      Object result = findClass(className).getField(varName).get(null);
      value = result;
      return valueString(result);
    } catch (ReflectiveOperationException e) {
      return super.varValue(className, varName);
    }
  }

  @Override
  public void stop() {
    interrupt();
  }

  @Override
  public void close() {
    threads.shutdownNow();
    super.close();
  }
}
