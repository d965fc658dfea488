package io.tickettriage.ticket;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a confidence with at most 4 decimals: a calibrated probability means nothing past that, and
 * {@code 0.9312} reads better on a card than {@code 0.93118472035}. The stored value keeps full precision.
 */
public final class RoundedConfidence extends StdSerializer<Double> {

    private static final double SCALE = 10_000;

    public RoundedConfidence() {
        super(Double.class);
    }

    static double round(double value) {
        return Math.round(value * SCALE) / SCALE;
    }

    @Override
    public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
        generator.writeNumber(round(value));
    }
}
