package dev.cachedjdbc.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A JDBC default method that a delegating class forgets compiles silently and then runs the interface's default
 * instead of the driver's implementation; these tests make such an omission fail the build.
 */
class DelegatingClassesImplementEveryMethodTest {

    @ParameterizedTest
    @EnumSource(WrappedType.class)
    void theDelegatingClassDeclaresEveryMethodItsInterfaceDeclares(WrappedType type) throws NoSuchMethodException {
        List<String> notDeclared = new ArrayList<>();
        for (Method method : type.jdbcInterface.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic()) {
                continue;
            }
            Method implementation = type.wrapperClass.getMethod(method.getName(), method.getParameterTypes());
            if (implementation.getDeclaringClass() != type.wrapperClass) {
                notDeclared.add(WrappedType.signature(method) + " comes from " + implementation.getDeclaringClass());
            }
        }
        assertThat(notDeclared).as("methods of %s that %s does not declare", type.jdbcInterface.getSimpleName(),
                type.wrapperClass.getSimpleName()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(WrappedType.class)
    void noMethodOfTheInterfaceFallsBackToAnInterfaceDefault(WrappedType type) throws NoSuchMethodException {
        List<String> inheritedDefaults = new ArrayList<>();
        for (Method method : type.methods()) {
            Method implementation = type.wrapperClass.getMethod(method.getName(), method.getParameterTypes());
            if (implementation.getDeclaringClass().isInterface()) {
                inheritedDefaults.add(WrappedType.signature(method));
            }
        }
        assertThat(inheritedDefaults).as("methods %s inherits from an interface", type.wrapperClass.getSimpleName())
                .isEmpty();
    }

    @Test
    void unwrapAndIsWrapperForAreAnsweredByAbstractWrapperAlone() throws NoSuchMethodException {
        for (Method method : Wrapper.class.getDeclaredMethods()) {
            Method implementation = AbstractWrapper.class.getMethod(method.getName(), method.getParameterTypes());
            assertThat(implementation.getDeclaringClass()).isEqualTo(AbstractWrapper.class);
            assertThat(Modifier.isFinal(implementation.getModifiers()))
                    .as("%s is final, so no wrapper answers it differently", method.getName()).isTrue();
        }
    }
}
