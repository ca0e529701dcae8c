package io.einstruct.train.run;

/**
 * One measurement of the coordinate check.
 *
 * @param structure the structure's name
 * @param width the model width
 * @param parameterization {@code mup} (structure-aware rates) or {@code naive} (κ = 1)
 * @param step the 1-based step whose update is measured
 * @param deltaRms RMS over a fixed probe batch of the change of the last hidden activation caused
 *     by that step
 */
public record CoordPoint(
    String structure, int width, String parameterization, int step, double deltaRms) {}
