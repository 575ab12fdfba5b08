package com.healthmed.standalone;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server that accepts every message (GreenMail), with IMAP so a developer can read what the platform
 * sent: log in with the recipient's address as user name and any password.
 */
final class EmbeddedMail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMail.class);

    private final GreenMail server;

    private EmbeddedMail(GreenMail server) {
        this.server = server;
    }

    static EmbeddedMail start(int smtpPort, int imapPort) {
        var server = new GreenMail(new ServerSetup[]{
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        log.info("SMTP on 127.0.0.1:{}, IMAP on 127.0.0.1:{}", smtpPort, imapPort);
        return new EmbeddedMail(server);
    }

    GreenMail server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
