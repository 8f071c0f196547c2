// Package normalize turns the text that package extract reads into data:
// canonical agency names (Parties, with the alias table), dated milestones
// (Timeframe), numeric targets (Targets), and the plan-wide readings of
// AnnualReportDue and ReportTo; Document applies them all to a document.
// Text as characters (NFC, tone placement, folding, legacy encodings) is
// package vntext's. Every function is pure: no I/O.
package normalize
