package io.ssobroker.directory.imports;

/**
 * Cells that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return first) are exported with a
 * leading apostrophe, the usual defence against CSV injection; an import takes that apostrophe off again, so an
 * export imports back unchanged.
 */
public final class CsvCells {

  private CsvCells() {}

  public static String escape(String cell) {
    return cell != null && !cell.isEmpty() && isFormulaStart(cell.charAt(0)) ? "'" + cell : cell;
  }

  public static String unescape(String cell) {
    return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && isFormulaStart(cell.charAt(1))
        ? cell.substring(1) : cell;
  }

  private static boolean isFormulaStart(char first) {
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  }
}
