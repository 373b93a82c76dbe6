package dev.benchbox.standin;

/** The services behind the stand-in's one endpoint, named as in the SigV4 credential scope. */
public enum Service {
    S3("s3"),
    EMR_SERVERLESS("emr-serverless"),
    GLUE("glue");

    private final String signingName;

    Service(String signingName) {
        this.signingName = signingName;
    }

    public String signingName() {
        return signingName;
    }

    /** The service a SigV4 credential scope names; S3 for anything else (anonymous S3 requests carry none). */
    static Service fromSigningName(String name) {
        for (Service s : values()) {
            if (s.signingName.equals(name)) {
                return s;
            }
        }
        return S3;
    }
}
