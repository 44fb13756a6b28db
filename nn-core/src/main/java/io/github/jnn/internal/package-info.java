/**
 * Not part of jnn's API: helpers nn-core and nn-bench share (a strict JSON reader, all-or-nothing file
 * writes). They may change without notice and are left out of the javadoc.
 */
package io.github.jnn.internal;
