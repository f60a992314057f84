package dev.assayer.report.internal.internalreports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A small helper over Apache POI XSSF for the internal reports' workbooks: every sheet gets a bold
 * header row that stays frozen, an auto-filter over its columns, real date cells (yyyy-mm-dd),
 * numbers as numbers and text as text. Never a formula.
 */
final class XlsxSheets implements AutoCloseable {

    private final XSSFWorkbook book = new XSSFWorkbook();
    private final CellStyle header;
    private final CellStyle date;
    private final CellStyle wrap;

    XlsxSheets() {
        Font bold = book.createFont();
        bold.setBold(true);
        header = book.createCellStyle();
        header.setFont(bold);
        header.setWrapText(true);
        date = book.createCellStyle();
        date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
        wrap = book.createCellStyle();
        wrap.setWrapText(false);
    }

    /** A new sheet with its header row; widths in characters, one per column. */
    Sheet sheet(String name, List<String> headers, List<Integer> widths) {
        Sheet s = book.createSheet(name);
        Row r = s.createRow(0);
        for (int i = 0; i < headers.size(); i++) {
            Cell c = r.createCell(i);
            c.setCellValue(headers.get(i));
            c.setCellStyle(header);
            s.setColumnWidth(i, Math.min(255, widths.get(i)) * 256);
        }
        s.createFreezePane(0, 1);
        return s;
    }

    /** Appends a row of values: String, Number, Boolean (written "Yes"/"No"), LocalDate, or null (empty). */
    void row(Sheet s, List<?> values) {
        Row r = s.createRow(s.getLastRowNum() + 1);
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            Cell c = r.createCell(i);
            switch (v) {
                case Number n -> c.setCellValue(n.doubleValue());
                case LocalDate d -> {
                    c.setCellValue(d);
                    c.setCellStyle(date);
                }
                case Boolean b -> c.setCellValue(b ? "Yes" : "No");
                default -> {
                    String text = v.toString();
                    c.setCellValue(text.length() > 32_000 ? text.substring(0, 32_000) + "…" : text);
                }
            }
        }
    }

    /** Call once the rows are written: the filter covers the header and every row. */
    void filter(Sheet s, int columns) {
        s.setAutoFilter(new CellRangeAddress(0, Math.max(0, s.getLastRowNum()), 0, columns - 1));
    }

    byte[] bytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the workbook", e);
        }
    }

    @Override
    public void close() {
        try {
            book.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
