/**
 * Performance measurement: {@link org.rnnkit.bench.Shape} (the small, medium and large configs of
 * the PyTorch comparison), {@link org.rnnkit.bench.Workload} (one training step and one inference
 * pass of a one-layer recurrent model with a linear head at every step, allocation-free in steady
 * state), {@link org.rnnkit.bench.LanguageModelWorkload} (one training update of the character
 * language model) and {@link org.rnnkit.bench.StepTimer} (warm-up, then the median of timed repeats
 * and the bytes allocated per step). The {@code bench} command and the JMH benchmarks in {@code
 * src/jmh} both run these workloads. Nothing here prints.
 */
package org.rnnkit.bench;
