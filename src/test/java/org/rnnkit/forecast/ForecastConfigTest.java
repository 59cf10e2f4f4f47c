package org.rnnkit.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnkit.nn.cell.CellOptions;
import org.rnnkit.nn.cell.CellType;

/** The builder starts from the documented defaults, sets each field alone, and checks them all. */
class ForecastConfigTest {

  @Test
  void theBuilderStartsFromTheDocumentedDefaults() {
    assertEquals(
        new ForecastConfig(
            CellType.GRU,
            CellOptions.NONE,
            32,
            1,
            0,
            ForecastConfig.Strategy.DIRECT,
            SeriesTransform.Power.AUTO,
            true,
            300,
            30,
            0.005,
            16,
            5,
            42,
            0.9,
            500,
            50,
            0,
            0),
        ForecastConfig.defaults());
  }

  @Test
  void eachSetterSetsItsOwnFieldAndToBuilderKeepsThemAll() {
    ForecastConfig changed = PinnedForecastTest.everyFieldChanged();
    assertEquals(
        new ForecastConfig(
            CellType.LSTM,
            CellOptions.NONE,
            6,
            2,
            15,
            ForecastConfig.Strategy.RECURSIVE,
            SeriesTransform.Power.BOX_COX,
            false,
            5,
            2,
            0.01,
            8,
            2,
            7,
            0.8,
            70,
            3,
            0,
            0),
        changed);
    assertEquals(changed, changed.toBuilder().build());
    ForecastConfig dropped = changed.toBuilder().recurrentDropout(0.25).build();
    assertEquals(0.25, dropped.recurrentDropout());
    assertEquals(dropped, dropped.toBuilder().build());
    ForecastConfig oneThread = changed.toBuilder().threads(1).build();
    assertEquals(1, oneThread.threads());
    assertEquals(1, oneThread.trainingThreads());
    assertEquals(oneThread, oneThread.toBuilder().build());
  }

  /**
   * The cell's variants: set alone, kept by toBuilder, and checked against the cell (the pinned
   * forecast's config keeps PyTorch's cell, so its fixture stays valid).
   */
  @Test
  void cellOptionsAreSetKeptAndChecked() {
    CellOptions peepholes = new CellOptions(true, true, false);
    ForecastConfig lstm =
        ForecastConfig.builder().cell(CellType.LSTM).cellOptions(peepholes).build();
    assertEquals(peepholes, lstm.cellOptions());
    assertEquals(lstm, lstm.toBuilder().build());
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> ForecastConfig.builder().cellOptions(peepholes).build())
            .getMessage();
    assertTrue(m.contains("peepholes are an LSTM variant"), m);
  }

  @Test
  void aMissingOrOutOfRangeSettingIsNamed() {
    var noCell =
        assertThrows(
            IllegalArgumentException.class, () -> ForecastConfig.builder().cell(null).build());
    assertTrue(noCell.getMessage().contains("cell is required"), noCell.getMessage());
    var level =
        assertThrows(
            IllegalArgumentException.class,
            () -> ForecastConfig.builder().intervalLevel(1).build());
    assertTrue(level.getMessage().contains("interval level"), level.getMessage());
    var rate =
        assertThrows(
            IllegalArgumentException.class,
            () -> ForecastConfig.builder().learningRate(Double.POSITIVE_INFINITY).build());
    assertTrue(rate.getMessage().contains("learning rate"), rate.getMessage());
    var threads =
        assertThrows(
            IllegalArgumentException.class, () -> ForecastConfig.builder().threads(-1).build());
    assertTrue(threads.getMessage().contains("threads"), threads.getMessage());
  }
}
