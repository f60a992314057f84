package dev.assayer.monitoring.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assayer.monitoring.internal.collect.AwsSigV4;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signature Version 4 against the values AWS publishes: its signing test suite (credentials
 * AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service", host example.amazonaws.com) and
 * the derived-key example of the IAM documentation.
 */
class AwsSigV4Test {

    static final AwsSigV4.Credentials SUITE = new AwsSigV4.Credentials("AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
    static final String SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

    static AwsSigV4.Signed sign(String method, String url, Map<String, String> headers, String body) {
        return AwsSigV4.sign(method, URI.create(url), headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                "us-east-1", "service", SUITE, AT);
    }

    @Test
    void getVanilla() {
        AwsSigV4.Signed s = sign("GET", "https://example.amazonaws.com/", Map.of(), null);
        assertThat(s.canonicalRequest()).isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(s.stringToSign()).isEqualTo("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
        assertThat(s.headers()).containsEntry("X-Amz-Date", "20150830T123600Z").containsEntry("Authorization",
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void queryParametersAreSortedBeforeSigning() {
        assertThat(sign("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", Map.of(), null).signature())
                .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void utf8PathSegmentsAreEncoded() {
        AwsSigV4.Signed s = sign("GET", "https://example.amazonaws.com/%E1%88%B4", Map.of(), null);
        assertThat(s.canonicalRequest()).startsWith("GET\n/%E1%88%B4\n");
        assertThat(s.signature()).isEqualTo("8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
    }

    @Test
    void postVanillaAndAFormBody() {
        assertThat(sign("POST", "https://example.amazonaws.com/", Map.of(), null).signature())
                .isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
        AwsSigV4.Signed form = sign("POST", "https://example.amazonaws.com/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Param1=value1");
        assertThat(form.canonicalRequest()).endsWith("content-type;host;x-amz-date\n"
                + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
        assertThat(form.headers().get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=" + SCOPE
                + ", SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a");
    }

    @Test
    void theSigningKeyIsTheDocumentedChain() {
        assertThat(HexFormat.of().formatHex(AwsSigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215",
                "us-east-1", "iam"))).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void aSessionTokenIsSentAndSigned() {
        AwsSigV4.Credentials temporary = new AwsSigV4.Credentials("AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "FQoGZXIvYXdzEXAMPLE");
        AwsSigV4.Signed s = AwsSigV4.sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(), null,
                "us-east-1", "service", temporary, AT);
        assertThat(s.headers()).containsEntry("X-Amz-Security-Token", "FQoGZXIvYXdzEXAMPLE");
        assertThat(s.headers().get("Authorization")).contains("SignedHeaders=host;x-amz-date;x-amz-security-token");
        assertThat(s.signature()).isNotEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        // neither the credentials nor the signing result print a secret
        assertThat(temporary.toString()).doesNotContain("EXAMPLEKEY").doesNotContain("FQoG");
        assertThat(s.toString()).doesNotContain("EXAMPLEKEY").doesNotContain("FQoG");
    }

    @Test
    void aNonDefaultPortIsPartOfTheSignedHost() {
        AwsSigV4.Signed s = AwsSigV4.sign("POST", URI.create("http://localhost:8089/"), Map.of(), new byte[0], "eu-west-1",
                "config", SUITE, AT);
        assertThat(s.canonicalRequest()).contains("\nhost:localhost:8089\n");
        assertThat(s.headers().get("Authorization")).contains("Credential=AKIDEXAMPLE/20150830/eu-west-1/config/aws4_request");
    }
}
