/**
 * Query-result printers: one {@link dev.benchbox.results.print.OutputPrinter} per
 * {@link dev.benchbox.results.print.OutputFormat}, each writing to a {@link java.io.Writer} it does not own.
 * No Spring here, so the printers can be used from commands, scripts and tests alike.
 */
package dev.benchbox.results.print;
