/**
 * Model files and NumPy interchange.
 *
 * <ul>
 *   <li>{@link org.rnnkit.io.NdArray}: an n-dimensional array of doubles in C order.
 *   <li>{@link org.rnnkit.io.Npy}: one array as a NumPy {@code .npy} file (format 1.0 written; 1.0,
 *       2.0 and 3.0 read).
 *   <li>{@link org.rnnkit.io.Npz}: named arrays in a ZIP that {@code numpy.load} reads as an {@code
 *       .npz}, with CRC, path and size checks on reading.
 *   <li>{@link org.rnnkit.io.ModelFile}: a {@link org.rnnkit.nn.SequenceModel}'s parameters under
 *       their PyTorch names plus {@code model.json}; PyTorch {@code state_dict} import and export.
 *   <li>{@link org.rnnkit.io.Json}: the one JSON writer of the commands' outputs (atomic; NaN and
 *       infinities written as null); {@link org.rnnkit.io.AtomicFile}: temporary file and rename.
 * </ul>
 *
 * <p>Every problem with a file's content is one checked exception, {@link
 * org.rnnkit.io.ModelFileException}, whose message names the file or entry, the problem and the
 * fix. Reading validates headers, shapes and sizes before allocating; saving writes a temporary
 * file in the target folder and renames it into place, so a failed save leaves the old file as it
 * was.
 */
package org.rnnkit.io;
