/** Tools that inspect training numerically, such as the finite-difference gradient check. */
package org.rnnkit.diagnostics;
