package dev.assayer.fieldwork;

/**
 * Narrows a request list: {@code mine} keeps the requests the caller owns, {@code overdue} the
 * overdue ones, {@code status} one status. Null or false fields do not filter.
 */
public record RequestFilter(RequestStatus status, boolean mine, boolean overdue) {

    public static RequestFilter all() {
        return new RequestFilter(null, false, false);
    }
}
