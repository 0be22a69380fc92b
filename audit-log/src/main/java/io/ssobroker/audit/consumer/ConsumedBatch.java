package io.ssobroker.audit.consumer;

import io.ssobroker.audit.store.ConsumedEvent;
import io.ssobroker.audit.store.ConsumedEvent.Accepted;
import io.ssobroker.audit.store.ConsumedEvent.Refused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one poll: the audit events among them, the records that are not audit events, where each partition's
 * records start (to read them again after a failed write) and the offsets to commit once they are written.
 */
record ConsumedBatch(
    List<ConsumedEvent> events,
    List<SkippedRecord> skipped,
    Map<TopicPartition, Long> firstOffsets,
    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit) {

  /** Where a refused record is and why it was refused; never its content. */
  record SkippedRecord(String topic, int partition, long offset, ConsumedEvent.Refusal refusal) {}

  static ConsumedBatch of(ConsumerRecords<String, String> records) {
    List<ConsumedEvent> events = new ArrayList<>();
    List<SkippedRecord> skipped = new ArrayList<>();
    Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsetsToCommit = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      firstOffsets.putIfAbsent(partition, record.offset());
      offsetsToCommit.put(partition, new OffsetAndMetadata(record.offset() + 1));
      ConsumedEvent.Parsed parsed = ConsumedEvent.parse(record.value());
      if (parsed instanceof Accepted accepted) {
        events.add(accepted.event());
      } else if (parsed instanceof Refused refused) {
        skipped.add(new SkippedRecord(record.topic(), record.partition(), record.offset(), refused.refusal()));
      }
    }
    return new ConsumedBatch(List.copyOf(events), List.copyOf(skipped), Map.copyOf(firstOffsets),
        Map.copyOf(offsetsToCommit));
  }
}
