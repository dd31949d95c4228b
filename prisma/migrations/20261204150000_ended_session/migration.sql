-- IdP sessions that ended (issue 10, sign-out must end the access token too). The back-channel
-- logout endpoint records the logout token's sid; token verification refuses access tokens with a
-- recorded sid. Rows expire once every access token of the session has, so the table stays small.
CREATE TABLE "ended_session" (
    "sid" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "ended_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ended_session_pkey" PRIMARY KEY ("issuer","sid")
);

CREATE INDEX "ended_session_expires_at_idx" ON "ended_session"("expires_at");
