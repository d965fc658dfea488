package io.tickettriage;

import java.util.List;

import io.tickettriage.triage.EvaluateCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("eval")) {
            System.exit(EvaluateCommand.run(List.of(args).subList(1, args.length), System.out));
        }
        SpringApplication.run(TriageApplication.class, args);
    }
}
