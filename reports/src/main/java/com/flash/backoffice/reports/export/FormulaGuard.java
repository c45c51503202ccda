package com.flash.backoffice.reports.export;

/**
 * Keeps a spreadsheet from running text as a formula when it opens a CSV (CSV injection): a text field that starts
 * with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, which spreadsheets show as text.
 * Amounts are never passed through here, so a negative amount stays a number.
 */
final class FormulaGuard {

    private FormulaGuard() {}

    static String text(String field) {
        if (field == null || field.isEmpty()) {
            return field;
        }
        return switch (field.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + field;
            default -> field;
        };
    }
}
