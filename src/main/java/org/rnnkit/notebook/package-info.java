/**
 * Jupyter notebooks that run rnnkit: {@link org.rnnkit.notebook.CellEngine} evaluates cells with
 * JShell in this JVM (printed text, {@code display(chart)} pictures, the last expression's value,
 * errors pointing at cell lines); {@link org.rnnkit.notebook.RnnKitKernel} serves it to Jupyter
 * over its messaging protocol; {@link org.rnnkit.notebook.NotebookRunner} runs a whole {@link
 * org.rnnkit.notebook.Notebook} file without Jupyter; {@link org.rnnkit.notebook.KernelSpec}
 * installs the kernel for Jupyter. Cells use {@link org.rnnkit.notebook.Display#display}.
 */
package org.rnnkit.notebook;
