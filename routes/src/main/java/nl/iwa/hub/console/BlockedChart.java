package nl.iwa.hub.console;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.iwa.hub.contract.common.ReasonCode;
import nl.iwa.hub.privacy.BlockedPerDay;

/**
 * A stacked bar per day of the flows not passed on, one colour per reason code, drawn as SVG on the server (the
 * console runs no script and its content policy allows no inline style; SVG attributes are neither). The same
 * figures are in a table beside it, so no information rests on colour alone.
 */
record BlockedChart(int width, int height, List<Bar> bars, List<Label> labels, List<Legend> legend, long max,
                    BlockedPerDay data) {

    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    private static final int AXIS = 20;
    /** Dark enough against white for graphics (3:1), and told apart by more than hue alone where it matters. */
    private static final String[] COLOURS = {"#0b5394", "#b45f06", "#38761d", "#741b47", "#7f6000", "#1c4587",
            "#990000", "#274e13", "#5b0f00", "#20124d", "#444444"};

    /** One reason's part of one day's bar. */
    record Bar(int x, int y, int width, int height, String colour, String title) {
    }

    /** A day under the axis (every few days, so they stay legible). */
    record Label(int x, String text) {
    }

    record Legend(String reason, String colour) {
    }

    static String colourOf(String reason) {
        int index;
        try {
            index = ReasonCode.valueOf(reason).ordinal();
        } catch (IllegalArgumentException e) {
            index = COLOURS.length - 1;
        }
        return COLOURS[index % COLOURS.length];
    }

    static BlockedChart of(BlockedPerDay data) {
        long max = Math.max(1, data.maxTotal());
        int plot = HEIGHT - AXIS;
        int slot = WIDTH / data.days().size();
        int barWidth = Math.max(1, slot - Math.max(1, slot / 5));
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int every = Math.max(1, data.days().size() / 6);
        for (int i = 0; i < data.days().size(); i++) {
            LocalDate day = data.days().get(i);
            int x = i * slot;
            int top = plot;
            for (String reason : data.reasons()) {
                long n = data.count(day, reason);
                if (n == 0) {
                    continue;
                }
                int h = (int) Math.max(1, Math.round((double) n * plot / max));
                top -= h;
                bars.add(new Bar(x, top, barWidth, h, colourOf(reason), day + " " + reason + ": " + n));
            }
            if (i % every == 0 || i == data.days().size() - 1) {
                labels.add(new Label(x, day.toString().substring(5)));
            }
        }
        List<Legend> legend = data.reasons().stream().map(r -> new Legend(r, colourOf(r))).toList();
        return new BlockedChart(WIDTH, HEIGHT, bars, labels, legend, data.maxTotal(), data);
    }
}
