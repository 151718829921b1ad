package io.modelfleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelfleet.cli.render.Money;
import io.modelfleet.cli.render.ProgressBar;
import io.modelfleet.cli.render.Table;
import org.junit.jupiter.api.Test;

/** The text pieces the commands are drawn from. */
class RenderTest {

    @Test
    void tablesPadToTheWidestCellRightAlignNumbersAndCountACheckMarkAsOneColumn() {
        String table = new Table("NAME", ">$/H", "CHOSEN").row("t4", "1.052", "✔").row("inf2.xlarge", "0.76", "")
                .render("  ");
        assertEquals("""
                  NAME            $/H   CHOSEN
                  t4            1.052   ✔
                  inf2.xlarge    0.76
                """, table);
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }

    @Test
    void dollarsKeepBetweenTwoAndFourDecimals() {
        assertEquals("0.17", Money.usd(0.17));
        assertEquals("1.052", Money.usd(1.052));
        assertEquals("0.0116", Money.usd(0.0116));
        assertEquals("2.00", Money.usd(2));
        assertEquals("0.3081", Money.usd(0.30805));
        assertEquals("767.96", Money.perMonth(1.052));
    }

    @Test
    void progressBarsFillInProportion() {
        assertEquals("[------------------------------] 0/0", ProgressBar.bar(0, 0));
        assertEquals("[##########--------------------] 1/3", ProgressBar.bar(1, 3));
        assertEquals("[##############################] 7/7", ProgressBar.bar(7, 7));
    }
}
