package dev.sigil.fleet.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A fresh PostgreSQL database made for one test class. */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + jdbcUrl + " as " + user + "]";
    }
}
