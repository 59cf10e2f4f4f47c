/** Tests that the documentation's examples compile and run. */
package org.rnnkit.docs;
