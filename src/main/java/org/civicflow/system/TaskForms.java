package org.civicflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;

/**
 * The form of a task as deployed with its process ({@code camunda:formRef}, binding {@code deployment}: the form is
 * fixed per process definition, so it is parsed once per definition and task). Read as the system: what a task's
 * user may send must not depend on what that user may read.
 */
final class TaskForms {

    /** A task and its form; null from {@link #of} when there is no such task. */
    record TaskWithForm(Task task, TaskForm form) {
    }

    private final ProcessEngine processEngine;
    private final AsSystem asSystem;
    private final ObjectMapper objectMapper;
    private final Map<String, TaskForm> cache = new ConcurrentHashMap<>();

    TaskForms(ProcessEngine processEngine, AsSystem asSystem, ObjectMapper objectMapper) {
        this.processEngine = processEngine;
        this.asSystem = asSystem;
        this.objectMapper = objectMapper;
    }

    TaskWithForm of(String taskId) {
        return asSystem.get(() -> {
            Task task = processEngine.getTaskService().createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                return null;
            }
            if (task.getProcessDefinitionId() == null) {
                return new TaskWithForm(task, load(taskId));
            }
            return new TaskWithForm(task, cached(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
                    () -> load(taskId)));
        });
    }

    /** Whether the task's model marks it confidential ({@link ConfidentialHistory}). */
    boolean confidential(String taskId) {
        TaskWithForm found = of(taskId);
        if (found == null || found.task().getProcessDefinitionId() == null) {
            return false;
        }
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> ConfidentialHistory.Handler
                .confidential(found.task().getProcessDefinitionId(), found.task().getTaskDefinitionKey()));
    }

    /**
     * A parsed form, cached; a form that could not be read is not (a passing database error must not leave a task
     * refusing every field until the next restart). Read outside the map's lock: it queries the database.
     */
    private TaskForm cached(String key, java.util.function.Supplier<TaskForm> read) {
        TaskForm form = cache.get(key);
        if (form == null) {
            form = read.get();
            if (form != TaskForm.NONE) {
                cache.putIfAbsent(key, form);
            }
        }
        return form;
    }

    /**
     * The start form of a process definition, by id or (latest version) by key; null when there is no such
     * definition (Camunda answers 404 itself).
     */
    TaskForm startForm(String idOrKey, boolean byKey) {
        return asSystem.get(() -> {
            var query = processEngine.getRepositoryService().createProcessDefinitionQuery();
            var definition = byKey ? query.processDefinitionKey(idOrKey).withoutTenantId().latestVersion().singleResult()
                    : query.processDefinitionId(idOrKey).singleResult();
            if (definition == null) {
                return null;
            }
            return cached(definition.getId() + "#start", () -> {
                try (InputStream form = processEngine.getFormService().getDeployedStartForm(definition.getId())) {
                    return TaskForm.parse(objectMapper.readTree(form));
                } catch (ProcessEngineException | NullPointerException e) {
                    return TaskForm.NONE;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        });
    }

    private TaskForm load(String taskId) {
        try (InputStream form = processEngine.getFormService().getDeployedTaskForm(taskId)) {
            return TaskForm.parse(objectMapper.readTree(form));
        } catch (ProcessEngineException | NullPointerException e) {
            // no form (Camunda 7.24 fails with an NPE for a task without any form handler data), or one that is not
            // a deployed Camunda Form: the task's user may send nothing
            return TaskForm.NONE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
