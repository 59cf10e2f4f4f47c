package org.rnnkit.cli;

import org.rnnkit.forecast.catalogue.GlobalConfig;
import picocli.CommandLine.Option;

/**
 * {@code --loss mae|huber|mse}: what the global network minimises, mixed into {@code catalogue} and
 * into the Spark job's command line. Unset, the global model's default ({@link
 * GlobalConfig#loss()}).
 */
public final class LossOption {
  @Option(
      names = "--loss",
      paramLabel = "LOSS",
      description =
          "with --model global: what the network minimises on each series' normalised targets,"
              + " mae (absolute errors: the median), huber (squared within one typical step,"
              + " absolute beyond) or mse (default: mae)")
  private String loss;

  /**
   * The loss given, or the global model's default.
   *
   * @throws UserError naming --loss and the losses when it names none of them
   */
  public GlobalConfig.TrainingLoss value() {
    if (loss == null) {
      return GlobalConfig.defaults().loss();
    }
    try {
      return GlobalConfig.TrainingLoss.parse(loss);
    } catch (IllegalArgumentException e) {
      throw new UserError("--loss must be mse, mae or huber, got '" + loss + "'", e);
    }
  }

  /**
   * For the local model, which minimises the squared error: refuses --loss if it was given.
   *
   * @throws UserError when --loss was given
   */
  public void refuseForLocalModel() {
    if (loss != null) {
      throw new UserError(
          "--loss applies to --model global only (the local model minimises the squared error);"
              + " drop it or use --model global");
    }
  }
}
