package io.procmesh.core.registry;

import java.lang.AssertionError;
import java.lang.CharSequence;
import java.lang.IllegalAccessException;
import java.lang.Object;
import java.lang.Override;
import java.lang.StringBuilder;
import java.lang.reflect.Field;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.core.Jvm;
import net.openhft.chronicle.values.CharSequences;
import net.openhft.chronicle.values.Copyable;
import sun.misc.Unsafe;

public class InstanceRecord$$Heap implements InstanceRecord, Copyable<InstanceRecord>, BytesMarshallable {
  private static final Unsafe UNSAFE;

  private static final long heartbeatNsAddress;

  private static final long duplicatesAddress;

  private static final long registrationsAddress;

  private static final long timeoutsAddress;

  private static final long inboxBacklogAddress;

  private static final long lastHandledIndexAddress;

  private static final long decodeErrorsAddress;

  private static final long requestsOutAddress;

  private static final long errorsAddress;

  private static final long lateRepliesAddress;

  private static final long requestsInAddress;

  private static final long statusAddress;

  static {
    try {
      Field theUnsafe = Jvm.getField(Unsafe.class, "theUnsafe");
      UNSAFE = (Unsafe) theUnsafe.get(null);
      heartbeatNsAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldheartbeatNs"));
      duplicatesAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldduplicates"));
      registrationsAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldregistrations"));
      timeoutsAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldtimeouts"));
      inboxBacklogAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldinboxBacklog"));
      lastHandledIndexAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldlastHandledIndex"));
      decodeErrorsAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fielddecodeErrors"));
      requestsOutAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldrequestsOut"));
      errorsAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fielderrors"));
      lateRepliesAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldlateReplies"));
      requestsInAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldrequestsIn"));
      statusAddress = UNSAFE.objectFieldOffset(Jvm.getField(InstanceRecord$$Heap.class, "__fieldstatus"));
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private long __fieldheartbeatNs;

  private long __fieldduplicates;

  private long __fieldregistrations;

  private long __fieldtimeouts;

  private long __fieldinboxBacklog;

  private long __fieldlastHandledIndex;

  private long __fielddecodeErrors;

  private long __fieldrequestsOut;

  private long __fielderrors;

  private long __fieldlateReplies;

  private long __fieldrequestsIn;

  private int __fieldstatus;

  private final StringBuilder __fieldmetadata = new StringBuilder(512);

  private boolean __fieldmetadataIsNull;

  private final StringBuilder __fieldinboxPath = new StringBuilder(512);

  private boolean __fieldinboxPathIsNull;

  private final StringBuilder __fieldinstanceId = new StringBuilder(64);

  private boolean __fieldinstanceIdIsNull;

  private final StringBuilder __fieldservice = new StringBuilder(64);

  private boolean __fieldserviceIsNull;

  private final StringBuilder __fieldversion = new StringBuilder(32);

  private boolean __fieldversionIsNull;

  private long __fieldbootId;

  private long __fieldstartTimeMs;

  private long __fieldpid;

  @Override
  public long getHeartbeatNs() {
    long raw__fieldheartbeatNsValue = __fieldheartbeatNs;
    return raw__fieldheartbeatNsValue;
  }

  @Override
  public long getVolatileHeartbeatNs() {
    long raw__fieldheartbeatNsValue = UNSAFE.getLongVolatile(this, heartbeatNsAddress);
    return raw__fieldheartbeatNsValue;
  }

  @Override
  public void setOrderedHeartbeatNs(long _heartbeatNs) {
    UNSAFE.putOrderedLong(this, heartbeatNsAddress, _heartbeatNs);
  }

  @Override
  public long getDuplicates() {
    long raw__fieldduplicatesValue = __fieldduplicates;
    return raw__fieldduplicatesValue;
  }

  @Override
  public long getVolatileDuplicates() {
    long raw__fieldduplicatesValue = UNSAFE.getLongVolatile(this, duplicatesAddress);
    return raw__fieldduplicatesValue;
  }

  @Override
  public long addAtomicDuplicates(long addition) {
    return UNSAFE.getAndAddLong(this, duplicatesAddress, addition) + addition;
  }

  @Override
  public long getRegistrations() {
    long raw__fieldregistrationsValue = __fieldregistrations;
    return raw__fieldregistrationsValue;
  }

  @Override
  public long addAtomicRegistrations(long addition) {
    return UNSAFE.getAndAddLong(this, registrationsAddress, addition) + addition;
  }

  @Override
  public long getTimeouts() {
    long raw__fieldtimeoutsValue = __fieldtimeouts;
    return raw__fieldtimeoutsValue;
  }

  @Override
  public long getVolatileTimeouts() {
    long raw__fieldtimeoutsValue = UNSAFE.getLongVolatile(this, timeoutsAddress);
    return raw__fieldtimeoutsValue;
  }

  @Override
  public long addAtomicTimeouts(long addition) {
    return UNSAFE.getAndAddLong(this, timeoutsAddress, addition) + addition;
  }

  @Override
  public long getInboxBacklog() {
    long raw__fieldinboxBacklogValue = __fieldinboxBacklog;
    return raw__fieldinboxBacklogValue;
  }

  @Override
  public long getVolatileInboxBacklog() {
    long raw__fieldinboxBacklogValue = UNSAFE.getLongVolatile(this, inboxBacklogAddress);
    return raw__fieldinboxBacklogValue;
  }

  @Override
  public void setOrderedInboxBacklog(long _inboxBacklog) {
    UNSAFE.putOrderedLong(this, inboxBacklogAddress, _inboxBacklog);
  }

  @Override
  public long getLastHandledIndex() {
    long raw__fieldlastHandledIndexValue = __fieldlastHandledIndex;
    return raw__fieldlastHandledIndexValue;
  }

  @Override
  public long getVolatileLastHandledIndex() {
    long raw__fieldlastHandledIndexValue = UNSAFE.getLongVolatile(this, lastHandledIndexAddress);
    return raw__fieldlastHandledIndexValue;
  }

  @Override
  public void setOrderedLastHandledIndex(long _lastHandledIndex) {
    UNSAFE.putOrderedLong(this, lastHandledIndexAddress, _lastHandledIndex);
  }

  @Override
  public long getDecodeErrors() {
    long raw__fielddecodeErrorsValue = __fielddecodeErrors;
    return raw__fielddecodeErrorsValue;
  }

  @Override
  public long getVolatileDecodeErrors() {
    long raw__fielddecodeErrorsValue = UNSAFE.getLongVolatile(this, decodeErrorsAddress);
    return raw__fielddecodeErrorsValue;
  }

  @Override
  public long addAtomicDecodeErrors(long addition) {
    return UNSAFE.getAndAddLong(this, decodeErrorsAddress, addition) + addition;
  }

  @Override
  public long getRequestsOut() {
    long raw__fieldrequestsOutValue = __fieldrequestsOut;
    return raw__fieldrequestsOutValue;
  }

  @Override
  public long getVolatileRequestsOut() {
    long raw__fieldrequestsOutValue = UNSAFE.getLongVolatile(this, requestsOutAddress);
    return raw__fieldrequestsOutValue;
  }

  @Override
  public long addAtomicRequestsOut(long addition) {
    return UNSAFE.getAndAddLong(this, requestsOutAddress, addition) + addition;
  }

  @Override
  public long getErrors() {
    long raw__fielderrorsValue = __fielderrors;
    return raw__fielderrorsValue;
  }

  @Override
  public long getVolatileErrors() {
    long raw__fielderrorsValue = UNSAFE.getLongVolatile(this, errorsAddress);
    return raw__fielderrorsValue;
  }

  @Override
  public long addAtomicErrors(long addition) {
    return UNSAFE.getAndAddLong(this, errorsAddress, addition) + addition;
  }

  @Override
  public long getLateReplies() {
    long raw__fieldlateRepliesValue = __fieldlateReplies;
    return raw__fieldlateRepliesValue;
  }

  @Override
  public long getVolatileLateReplies() {
    long raw__fieldlateRepliesValue = UNSAFE.getLongVolatile(this, lateRepliesAddress);
    return raw__fieldlateRepliesValue;
  }

  @Override
  public long addAtomicLateReplies(long addition) {
    return UNSAFE.getAndAddLong(this, lateRepliesAddress, addition) + addition;
  }

  @Override
  public long getRequestsIn() {
    long raw__fieldrequestsInValue = __fieldrequestsIn;
    return raw__fieldrequestsInValue;
  }

  @Override
  public long getVolatileRequestsIn() {
    long raw__fieldrequestsInValue = UNSAFE.getLongVolatile(this, requestsInAddress);
    return raw__fieldrequestsInValue;
  }

  @Override
  public long addAtomicRequestsIn(long addition) {
    return UNSAFE.getAndAddLong(this, requestsInAddress, addition) + addition;
  }

  @Override
  public int getStatus() {
    int raw__fieldstatusValue = __fieldstatus;
    return raw__fieldstatusValue;
  }

  @Override
  public int getVolatileStatus() {
    int raw__fieldstatusValue = UNSAFE.getIntVolatile(this, statusAddress);
    return raw__fieldstatusValue;
  }

  @Override
  public void setStatus(int _status) {
    this.__fieldstatus = _status;
  }

  @Override
  public void setOrderedStatus(int _status) {
    UNSAFE.putOrderedInt(this, statusAddress, _status);
  }

  @Override
  public CharSequence getMetadata() {
    return !__fieldmetadataIsNull ? __fieldmetadata : null;
  }

  @Override
  public void setMetadata(CharSequence _metadata) {
    if (_metadata != null) {
      __fieldmetadataIsNull = false;
      __fieldmetadata.setLength(0);
      __fieldmetadata.append(_metadata);
    } else {
      __fieldmetadataIsNull = true;
    }
  }

  @Override
  public CharSequence getInboxPath() {
    return !__fieldinboxPathIsNull ? __fieldinboxPath : null;
  }

  @Override
  public void setInboxPath(CharSequence _inboxPath) {
    if (_inboxPath != null) {
      __fieldinboxPathIsNull = false;
      __fieldinboxPath.setLength(0);
      __fieldinboxPath.append(_inboxPath);
    } else {
      __fieldinboxPathIsNull = true;
    }
  }

  @Override
  public CharSequence getInstanceId() {
    return !__fieldinstanceIdIsNull ? __fieldinstanceId : null;
  }

  @Override
  public void setInstanceId(CharSequence _instanceId) {
    if (_instanceId != null) {
      __fieldinstanceIdIsNull = false;
      __fieldinstanceId.setLength(0);
      __fieldinstanceId.append(_instanceId);
    } else {
      __fieldinstanceIdIsNull = true;
    }
  }

  @Override
  public CharSequence getService() {
    return !__fieldserviceIsNull ? __fieldservice : null;
  }

  @Override
  public void setService(CharSequence _service) {
    if (_service != null) {
      __fieldserviceIsNull = false;
      __fieldservice.setLength(0);
      __fieldservice.append(_service);
    } else {
      __fieldserviceIsNull = true;
    }
  }

  @Override
  public CharSequence getVersion() {
    return !__fieldversionIsNull ? __fieldversion : null;
  }

  @Override
  public void setVersion(CharSequence _version) {
    if (_version != null) {
      __fieldversionIsNull = false;
      __fieldversion.setLength(0);
      __fieldversion.append(_version);
    } else {
      __fieldversionIsNull = true;
    }
  }

  @Override
  public long getBootId() {
    long raw__fieldbootIdValue = __fieldbootId;
    return raw__fieldbootIdValue;
  }

  @Override
  public void setBootId(long _bootId) {
    this.__fieldbootId = _bootId;
  }

  @Override
  public long getStartTimeMs() {
    long raw__fieldstartTimeMsValue = __fieldstartTimeMs;
    return raw__fieldstartTimeMsValue;
  }

  @Override
  public void setStartTimeMs(long _startTimeMs) {
    this.__fieldstartTimeMs = _startTimeMs;
  }

  @Override
  public long getPid() {
    long raw__fieldpidValue = __fieldpid;
    return raw__fieldpidValue;
  }

  @Override
  public void setPid(long _pid) {
    this.__fieldpid = _pid;
  }

  @Override
  public void copyFrom(InstanceRecord from) {
     {
      long heartbeatNsCopy = from.getHeartbeatNs();
      this.__fieldheartbeatNs = heartbeatNsCopy;
    }
     {
      long duplicatesCopy = from.getDuplicates();
      this.__fieldduplicates = duplicatesCopy;
    }
     {
      long registrationsCopy = from.getRegistrations();
      this.__fieldregistrations = registrationsCopy;
    }
     {
      long timeoutsCopy = from.getTimeouts();
      this.__fieldtimeouts = timeoutsCopy;
    }
     {
      long inboxBacklogCopy = from.getInboxBacklog();
      this.__fieldinboxBacklog = inboxBacklogCopy;
    }
     {
      long lastHandledIndexCopy = from.getLastHandledIndex();
      this.__fieldlastHandledIndex = lastHandledIndexCopy;
    }
     {
      long decodeErrorsCopy = from.getDecodeErrors();
      this.__fielddecodeErrors = decodeErrorsCopy;
    }
     {
      long requestsOutCopy = from.getRequestsOut();
      this.__fieldrequestsOut = requestsOutCopy;
    }
     {
      long errorsCopy = from.getErrors();
      this.__fielderrors = errorsCopy;
    }
     {
      long lateRepliesCopy = from.getLateReplies();
      this.__fieldlateReplies = lateRepliesCopy;
    }
     {
      long requestsInCopy = from.getRequestsIn();
      this.__fieldrequestsIn = requestsInCopy;
    }
     {
      int statusCopy = from.getStatus();
      this.__fieldstatus = statusCopy;
    }
     {
      this.setMetadata(from.getMetadata());
    }
     {
      this.setInboxPath(from.getInboxPath());
    }
     {
      this.setInstanceId(from.getInstanceId());
    }
     {
      this.setService(from.getService());
    }
     {
      this.setVersion(from.getVersion());
    }
     {
      long bootIdCopy = from.getBootId();
      this.__fieldbootId = bootIdCopy;
    }
     {
      long startTimeMsCopy = from.getStartTimeMs();
      this.__fieldstartTimeMs = startTimeMsCopy;
    }
     {
      long pidCopy = from.getPid();
      this.__fieldpid = pidCopy;
    }
  }

  @Override
  public void writeMarshallable(BytesOut bytes) {
     {
      bytes.writeLong(getHeartbeatNs());
    }
     {
      bytes.writeLong(getDuplicates());
    }
     {
      bytes.writeLong(getRegistrations());
    }
     {
      bytes.writeLong(getTimeouts());
    }
     {
      bytes.writeLong(getInboxBacklog());
    }
     {
      bytes.writeLong(getLastHandledIndex());
    }
     {
      bytes.writeLong(getDecodeErrors());
    }
     {
      bytes.writeLong(getRequestsOut());
    }
     {
      bytes.writeLong(getErrors());
    }
     {
      bytes.writeLong(getLateReplies());
    }
     {
      bytes.writeLong(getRequestsIn());
    }
     {
      bytes.writeInt(getStatus());
    }
     {
      bytes.writeUtf8(!__fieldmetadataIsNull ? __fieldmetadata : null);
    }
     {
      bytes.writeUtf8(!__fieldinboxPathIsNull ? __fieldinboxPath : null);
    }
     {
      bytes.writeUtf8(!__fieldinstanceIdIsNull ? __fieldinstanceId : null);
    }
     {
      bytes.writeUtf8(!__fieldserviceIsNull ? __fieldservice : null);
    }
     {
      bytes.writeUtf8(!__fieldversionIsNull ? __fieldversion : null);
    }
     {
      bytes.writeLong(getBootId());
    }
     {
      bytes.writeLong(getStartTimeMs());
    }
     {
      bytes.writeLong(getPid());
    }
  }

  @Override
  public void readMarshallable(BytesIn bytes) {
     {
      __fieldheartbeatNs = bytes.readLong();
    }
     {
      __fieldduplicates = bytes.readLong();
    }
     {
      __fieldregistrations = bytes.readLong();
    }
     {
      __fieldtimeouts = bytes.readLong();
    }
     {
      __fieldinboxBacklog = bytes.readLong();
    }
     {
      __fieldlastHandledIndex = bytes.readLong();
    }
     {
      __fielddecodeErrors = bytes.readLong();
    }
     {
      __fieldrequestsOut = bytes.readLong();
    }
     {
      __fielderrors = bytes.readLong();
    }
     {
      __fieldlateReplies = bytes.readLong();
    }
     {
      __fieldrequestsIn = bytes.readLong();
    }
     {
      __fieldstatus = bytes.readInt();
    }
     {
      __fieldmetadataIsNull = !bytes.readUtf8(__fieldmetadata);
    }
     {
      __fieldinboxPathIsNull = !bytes.readUtf8(__fieldinboxPath);
    }
     {
      __fieldinstanceIdIsNull = !bytes.readUtf8(__fieldinstanceId);
    }
     {
      __fieldserviceIsNull = !bytes.readUtf8(__fieldservice);
    }
     {
      __fieldversionIsNull = !bytes.readUtf8(__fieldversion);
    }
     {
      __fieldbootId = bytes.readLong();
    }
     {
      __fieldstartTimeMs = bytes.readLong();
    }
     {
      __fieldpid = bytes.readLong();
    }
  }

  @Override
  public boolean equals(Object obj) {
    if (!(obj instanceof InstanceRecord)) return false;
    InstanceRecord other = (InstanceRecord) obj;
     {
      if (getHeartbeatNs() != other.getHeartbeatNs()) return false;
    }
     {
      if (getDuplicates() != other.getDuplicates()) return false;
    }
     {
      if (getRegistrations() != other.getRegistrations()) return false;
    }
     {
      if (getTimeouts() != other.getTimeouts()) return false;
    }
     {
      if (getInboxBacklog() != other.getInboxBacklog()) return false;
    }
     {
      if (getLastHandledIndex() != other.getLastHandledIndex()) return false;
    }
     {
      if (getDecodeErrors() != other.getDecodeErrors()) return false;
    }
     {
      if (getRequestsOut() != other.getRequestsOut()) return false;
    }
     {
      if (getErrors() != other.getErrors()) return false;
    }
     {
      if (getLateReplies() != other.getLateReplies()) return false;
    }
     {
      if (getRequestsIn() != other.getRequestsIn()) return false;
    }
     {
      if (getStatus() != other.getStatus()) return false;
    }
     {
      if (!CharSequences.equals(this.getMetadata(), other.getMetadata())) return false;
    }
     {
      if (!CharSequences.equals(this.getInboxPath(), other.getInboxPath())) return false;
    }
     {
      if (!CharSequences.equals(this.getInstanceId(), other.getInstanceId())) return false;
    }
     {
      if (!CharSequences.equals(this.getService(), other.getService())) return false;
    }
     {
      if (!CharSequences.equals(this.getVersion(), other.getVersion())) return false;
    }
     {
      if (getBootId() != other.getBootId()) return false;
    }
     {
      if (getStartTimeMs() != other.getStartTimeMs()) return false;
    }
     {
      if (getPid() != other.getPid()) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hashCode = 1;
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getHeartbeatNs());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getDuplicates());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getRegistrations());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getTimeouts());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getInboxBacklog());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getLastHandledIndex());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getDecodeErrors());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getRequestsOut());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getErrors());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getLateReplies());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getRequestsIn());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getStatus());
    }
    hashCode *= 1000003;
     {
      hashCode ^= (!__fieldmetadataIsNull ? net.openhft.chronicle.values.CharSequences.hashCode(__fieldmetadata) : 0);
    }
    hashCode *= 1000003;
     {
      hashCode ^= (!__fieldinboxPathIsNull ? net.openhft.chronicle.values.CharSequences.hashCode(__fieldinboxPath) : 0);
    }
    hashCode *= 1000003;
     {
      hashCode ^= (!__fieldinstanceIdIsNull ? net.openhft.chronicle.values.CharSequences.hashCode(__fieldinstanceId) : 0);
    }
    hashCode *= 1000003;
     {
      hashCode ^= (!__fieldserviceIsNull ? net.openhft.chronicle.values.CharSequences.hashCode(__fieldservice) : 0);
    }
    hashCode *= 1000003;
     {
      hashCode ^= (!__fieldversionIsNull ? net.openhft.chronicle.values.CharSequences.hashCode(__fieldversion) : 0);
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getBootId());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getStartTimeMs());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getPid());
    }
    return hashCode;
  }
}
