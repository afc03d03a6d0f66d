package nl.iwa.hub.impact;

import java.util.Map;

/** The current count of every cell, however it is kept. */
public interface ImpactCells {

    Map<CellKey, CellFigures> current();
}
