package dev.voiceplane.infra.aws;

import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.voiceplane.infra.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The VPC over three availability zones of the stack's (Indian) region: a public subnet per zone for
 * the load balancers and a NAT gateway, a private subnet per zone for the nodes, EFS mount targets and
 * everything else. Production gives each zone its own NAT gateway so losing a zone does not cut the
 * others' egress; a smaller stack routes every zone through the first zone's one (see AwsPlatform).
 */
public final class AwsNetwork extends ComponentResource {
    /** The VPC's range; private subnets take the first three /18s, public ones /24s from the last quarter. */
    static final Cidr VPC = Cidr.parse("10.30.0.0/16");

    private final Output<String> vpcId;
    private final String cidr;
    private final List<Output<String>> privateSubnetIds = new ArrayList<>();
    private final List<Output<String>> publicSubnetIds = new ArrayList<>();

    /**
     * @param zones       three zones of the region, e.g. ap-south-1a/b/c
     * @param natGateways how many zones get a NAT gateway (and an Elastic IP), from the first; the others route through the first
     */
    public AwsNetwork(String name, String clusterName, List<String> zones, int natGateways, ComponentResourceOptions options) {
        super("voiceplane:aws:Network", name, options);
        // DNS hostnames on: EKS and EFS mount targets are reached by name.
        var vpc = new Vpc(name, VpcArgs.builder().cidrBlock(VPC.toString())
                .enableDnsHostnames(true).enableDnsSupport(true).tags(Map.of("Name", name)).build(), child(this));
        // The public subnets' way out.
        var igw = new InternetGateway(name + "-igw", InternetGatewayArgs.builder().vpcId(vpc.id()).build(), child(this));
        var publicRoutes = new RouteTable(name + "-public", RouteTableArgs.builder().vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").gatewayId(igw.id()).build()).build(), child(this));
        String clusterTag = "kubernetes.io/cluster/" + clusterName;
        List<NatGateway> nats = new ArrayList<>();
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            // Internet-facing load balancers (ingress-nginx) land here.
            var pub = new Subnet(name + "-public-" + zone, SubnetArgs.builder().vpcId(vpc.id()).availabilityZone(zone)
                    .cidrBlock(VPC.subnet(8, 192 + i).toString()).mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", name + "-public-" + zone, "kubernetes.io/role/elb", "1", clusterTag, "shared"))
                    .build(), child(this));
            new RouteTableAssociation(name + "-public-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(pub.id()).routeTableId(publicRoutes.id()).build(), child(this));
            if (i < natGateways) {
                // A fixed address for the zone's NAT gateway.
                var eip = new Eip(name + "-nat-" + zone, EipArgs.builder().domain("vpc").build(), child(this));
                // Egress for the private subnets (image pulls, S3, Secrets Manager).
                nats.add(new NatGateway(name + "-nat-" + zone, NatGatewayArgs.builder()
                        .allocationId(eip.id()).subnetId(pub.id()).build(), child(this)));
            }
            var nat = nats.get(Math.min(i, nats.size() - 1));
            // Nodes and pods: no public addresses.
            var priv = new Subnet(name + "-private-" + zone, SubnetArgs.builder().vpcId(vpc.id()).availabilityZone(zone)
                    .cidrBlock(VPC.subnet(2, i).toString()).mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", name + "-private-" + zone, "kubernetes.io/role/internal-elb", "1", clusterTag, "shared"))
                    .build(), child(this));
            var routes = new RouteTable(name + "-private-" + zone, RouteTableArgs.builder().vpcId(vpc.id())
                    .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build()).build(), child(this));
            new RouteTableAssociation(name + "-private-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(priv.id()).routeTableId(routes.id()).build(), child(this));
            publicSubnetIds.add(pub.id());
            privateSubnetIds.add(priv.id());
        }
        this.vpcId = vpc.id();
        this.cidr = VPC.toString();
        registerOutputs(Map.of("vpcId", vpcId));
    }

    public Output<String> vpcId() {
        return vpcId;
    }

    public String cidr() {
        return cidr;
    }

    public List<Output<String>> privateSubnetIds() {
        return List.copyOf(privateSubnetIds);
    }

    public List<Output<String>> publicSubnetIds() {
        return List.copyOf(publicSubnetIds);
    }
}
