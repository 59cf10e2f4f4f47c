package org.rnnkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.rnnkit.loss.Loss;
import org.rnnkit.nn.Layer;
import org.rnnkit.nn.Parameter;
import org.rnnkit.nn.Sequence;
import org.rnnkit.nn.SequenceModel;
import org.rnnkit.nn.layer.Recurrent;
import org.rnnkit.nn.layer.RecurrentStack;

/**
 * Gradient flow over time: {@code ||dL/dh[t]||} for every step t of every recurrent layer of a
 * model, measured during one ordinary backward pass (Hochreiter 1991; Bengio, Simard and Frasconi
 * 1994; Pascanu, Mikolov and Bengio 2013). With the loss taken at the last step T, {@code dL/dh[t]
 * = (dh[T]/dh[t])^T dL/dh[T]}, so the ratio {@code ||dL/dh[1]|| / ||dL/dh[T]||} shows how much of
 * the error signal survives the whole sequence: tiny means vanishing, huge means exploding.
 *
 * <p>For an LSTM layer with projections ({@code proj_size} P), the norms recorded are of {@code
 * dL/dm[t]}, the gradient of the cell's output {@code m[t] = o * tanh(c[t])} (H values) before
 * {@code h[t] = W_hr m[t]}, not of {@code dL/dh[t]} (P values); see {@link
 * Recurrent.HiddenGradientObserver}.
 */
public final class GradientFlow {
  private GradientFlow() {}

  /**
   * The norms of one layer-direction.
   *
   * @param layer the parameter-name suffix of the layer, e.g. {@code l0} or {@code l1_reverse}
   * @param norms {@code ||dL/dh[t]||} for t = 0..T-1 in input order, mean over the batch
   */
  public record LayerFlow(String layer, double[] norms) {

    /** {@code ||dL/dh[first]|| / ||dL/dh[last]||}: the share of gradient that crosses all steps. */
    public double ratio() {
      return norms[0] / norms[norms.length - 1];
    }
  }

  /**
   * Forward, loss and backward on one batch, recording every recurrent layer of {@code model}.
   *
   * @param model Modified: parameter gradients are zeroed, then hold this batch's gradient.
   * @param input Not modified. One length for every sequence.
   * @param target Not modified. With a many-to-one model the loss is at the last step.
   * @return one entry per recurrent layer-direction, in parameter order
   */
  public static List<LayerFlow> measure(
      SequenceModel model, Loss loss, Sequence input, Sequence target) {
    List<Recurrent> layers = recurrents(model);
    List<HiddenGradientRecorder> recorders = attach(layers);
    try {
      model.zeroGrad();
      Loss.Evaluation e = loss.evaluate(model.forward(input, false), target);
      model.backward(e.gradient());
    } finally {
      layers.forEach(r -> r.setHiddenGradientObserver(null));
    }
    return flows(layers, recorders);
  }

  /**
   * The reference probe of the vanishing-gradient literature, as measured with PyTorch in issue 5:
   * the loss is the sum of the top layer's last output (its forward direction), {@code L = sum_b
   * sum_j h[T]_bj}, so that {@code dL/dh[T]} is a vector of ones for every sequence.
   *
   * @param stack Modified: parameter gradients are zeroed, then hold the probe's gradient.
   * @param input Not modified. {@code T x B x I}, one length for every sequence.
   */
  public static List<LayerFlow> probeLastStep(RecurrentStack stack, Sequence input) {
    List<Recurrent> layers = stack.recurrents();
    List<HiddenGradientRecorder> recorders = attach(layers);
    try {
      stack.parameters().forEach(Parameter::zeroGrad);
      Sequence out = stack.forward(input, null, false);
      Sequence dOut = new Sequence(out.steps(), out.batch(), out.features());
      int last = out.steps() - 1;
      int width = stack.config().stateSize();
      for (int b = 0; b < out.batch(); b++) {
        for (int j = 0; j < width; j++) {
          dOut.set(last, b, j, 1);
        }
      }
      stack.backward(dOut);
    } finally {
      layers.forEach(r -> r.setHiddenGradientObserver(null));
    }
    return flows(layers, recorders);
  }

  /** Every recurrent layer-direction of {@code model}, in parameter order. */
  public static List<Recurrent> recurrents(SequenceModel model) {
    List<Recurrent> all = new ArrayList<>();
    for (Layer layer : model.layers()) {
      if (layer instanceof RecurrentStack stack) {
        all.addAll(stack.recurrents());
      } else if (layer instanceof Recurrent r) {
        all.add(r);
      }
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          "the model has no recurrent layer; gradient flow over time needs an RNN, LSTM or GRU");
    }
    return all;
  }

  /** The parameter-name suffix of a layer, {@code l0} or {@code l0_reverse}. */
  static String label(Recurrent r) {
    String name = r.parameters().get(1).name();
    String suffix = name.substring("weight_hh".length());
    return suffix.startsWith("_") ? suffix.substring(1) : suffix;
  }

  private static List<HiddenGradientRecorder> attach(List<Recurrent> layers) {
    return layers.stream().map(HiddenGradientRecorder::attach).toList();
  }

  private static List<LayerFlow> flows(
      List<Recurrent> layers, List<HiddenGradientRecorder> recorders) {
    List<LayerFlow> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      out.add(new LayerFlow(label(layers.get(i)), recorders.get(i).norms()));
    }
    return out;
  }
}
