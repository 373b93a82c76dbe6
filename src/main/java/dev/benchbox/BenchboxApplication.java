package dev.benchbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the BenchBox shell. */
@SpringBootApplication
public class BenchboxApplication {
    public static void main(String[] args) {
        org.springframework.boot.SpringApplication.run(BenchboxApplication.class, args);
    }
}
