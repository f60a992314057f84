package dev.assayer.fieldwork.sampling;

/** A population file that cannot be read as documented; the message names the file and the line or row. */
public class PopulationException extends RuntimeException {

    public PopulationException(String message) {
        super(message);
    }
}
