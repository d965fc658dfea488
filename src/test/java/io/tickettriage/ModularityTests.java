package io.tickettriage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    private static final ApplicationModules MODULES = ApplicationModules.of(TriageApplication.class);

    /** Also checks each module's uses against the {@code allowedDependencies} in its package-info. */
    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersPublicApiAndTheModulesTheyDeclare() {
        MODULES.verify();
    }

    /** A module without the declaration could use any other; a new module must say which it needs. */
    @Test
    void everyModuleDeclaresWhichModulesItMayUse() throws ClassNotFoundException {
        for (var module : MODULES) {
            String pkg = module.getBasePackage().getName();
            ApplicationModule declaration = Class.forName(pkg + ".package-info")
                    .getAnnotation(ApplicationModule.class);
            assertThat(declaration).as(pkg + " declares @ApplicationModule").isNotNull();
            assertThat(declaration.allowedDependencies()).as(pkg + "'s allowed dependencies")
                    .doesNotContain(ApplicationModule.OPEN_TOKEN);
        }
    }
}
