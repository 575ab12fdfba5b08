-- Distributed mode (docker-compose.yml): PostgreSQL holds Keycloak's database and the Axon tracking
-- tokens and sagas of command-side and query-side (events live in Axon Server). The Axon tables are
-- the tables the standalone platform creates through Axon's PostgreSQL table factories, plus
-- indexes for saga association look-ups.
CREATE DATABASE keycloak OWNER healthmed;

CREATE TABLE IF NOT EXISTS tokenentry (
    processorname varchar(255) NOT NULL,
    segment       integer      NOT NULL,
    token         bytea,
    tokentype     varchar(255),
    "timestamp"   varchar(255),
    owner         varchar(255),
    PRIMARY KEY (processorname, segment)
);

CREATE TABLE IF NOT EXISTS sagaentry (
    sagaid         varchar(255) NOT NULL PRIMARY KEY,
    revision       varchar(255),
    sagatype       varchar(255),
    serializedsaga bytea
);

CREATE TABLE IF NOT EXISTS associationvalueentry (
    id               bigserial PRIMARY KEY,
    associationkey   varchar(255),
    associationvalue varchar(255),
    sagaid           varchar(255),
    sagatype         varchar(255)
);
CREATE INDEX IF NOT EXISTS associationvalueentry_saga ON associationvalueentry (sagatype, associationkey, associationvalue);
CREATE INDEX IF NOT EXISTS associationvalueentry_id ON associationvalueentry (sagaid, sagatype);

