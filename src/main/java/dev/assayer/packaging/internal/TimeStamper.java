package dev.assayer.packaging.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;

/**
 * An RFC 3161 time-stamp client: asks the configured authority ({@code assayer.packaging.tsa-url})
 * for a token over SHA-256 of some bytes (the package's manifest.sig), with a random nonce and the
 * TSA's certificate requested, and checks the response against the request before returning it.
 */
public final class TimeStamper {

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    public TimeStamper(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI url() {
        return url;
    }

    /** The DER TimeStampResp (what manifest.tsr holds) over SHA-256({@code data}). */
    public byte[] stamp(byte[] data) throws IOException {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
        gen.setCertReq(true);
        TimeStampRequest request = gen.generate(TSPAlgorithms.SHA256, digest, new BigInteger(63, random));
        HttpResponse<byte[]> res;
        try {
            res = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the time-stamp authority");
        }
        if (res.statusCode() != 200) {
            throw new IOException("the time-stamp authority answered HTTP " + res.statusCode());
        }
        try {
            TimeStampResponse response = new TimeStampResponse(res.body());
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                throw new IOException("the time-stamp authority refused: status " + response.getStatus() + " "
                        + response.getStatusString());
            }
            return response.getEncoded();
        } catch (TSPException e) {
            throw new IOException("the time-stamp authority's response does not match the request: " + e.getMessage());
        }
    }
}
