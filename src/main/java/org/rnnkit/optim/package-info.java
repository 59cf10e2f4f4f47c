/**
 * Training-step machinery: optimizers, gradient clipping and learning-rate schedules, each
 * following PyTorch 1.13's update rule to the last rounding so that a PyTorch training run can be
 * reproduced number for number.
 *
 * <ul>
 *   <li>{@link org.rnnkit.optim.Optimizer}: {@link org.rnnkit.optim.Sgd} (momentum, Nesterov),
 *       {@link org.rnnkit.optim.Adam}, {@link org.rnnkit.optim.AdamW}, {@link
 *       org.rnnkit.optim.RmsProp}, {@link org.rnnkit.optim.Adagrad}. Hyperparameters are an
 *       immutable {@code Config} record with PyTorch's defaults; the learning rate can be changed
 *       between steps; per-parameter state (step count and buffers, under PyTorch's names) is keyed
 *       by parameter name and saved and restored as an {@link org.rnnkit.optim.OptimizerState}.
 *   <li>{@link org.rnnkit.optim.GradientClipping}: by global L2 norm or by value, its own step
 *       between backward and the optimizer; reports the norm before clipping.
 *   <li>Schedules: {@link org.rnnkit.optim.StepLR}, {@link org.rnnkit.optim.ExponentialLR}, {@link
 *       org.rnnkit.optim.CosineAnnealingLR} (functions of the epoch, {@link
 *       org.rnnkit.optim.EpochSchedule}) and {@link org.rnnkit.optim.ReduceLROnPlateau} (driven by
 *       a metric).
 * </ul>
 *
 * One training step: zero gradients, forward, loss, backward, clip, {@code optimizer.step}; after
 * each epoch, step the schedule. Nothing here prints or reads files.
 */
package org.rnnkit.optim;
