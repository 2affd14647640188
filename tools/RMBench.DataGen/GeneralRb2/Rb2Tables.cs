namespace RMBench.DataGen.GeneralRb2;

/// <summary>Hand-written facts and sentences behind the RewardBench 2 subsets. Each entry can be checked in an atlas or a periodic table.</summary>
internal static class Rb2Tables
{
    /// <summary>Country, capital, and three cities that are not its capital (mostly the larger or better-known cities people confuse with it).</summary>
    public static readonly (string Country, string Capital, string[] NotCapital)[] Capitals =
    [
        ("Australia", "Canberra", ["Sydney", "Melbourne", "Perth"]),
        ("Canada", "Ottawa", ["Toronto", "Vancouver", "Montreal"]),
        ("Brazil", "Brasília", ["Rio de Janeiro", "São Paulo", "Salvador"]),
        ("Turkey", "Ankara", ["Istanbul", "Izmir", "Antalya"]),
        ("Switzerland", "Bern", ["Zurich", "Geneva", "Basel"]),
        ("New Zealand", "Wellington", ["Auckland", "Christchurch", "Queenstown"]),
        ("Morocco", "Rabat", ["Casablanca", "Marrakesh", "Fez"]),
        ("Nigeria", "Abuja", ["Lagos", "Kano", "Ibadan"]),
        ("Vietnam", "Hanoi", ["Ho Chi Minh City", "Da Nang", "Hue"]),
        ("Pakistan", "Islamabad", ["Karachi", "Lahore", "Peshawar"]),
        ("India", "New Delhi", ["Mumbai", "Kolkata", "Bangalore"]),
        ("Kazakhstan", "Astana", ["Almaty", "Shymkent", "Karaganda"]),
        ("Tanzania", "Dodoma", ["Dar es Salaam", "Arusha", "Mwanza"]),
        ("Ecuador", "Quito", ["Guayaquil", "Cuenca", "Manta"]),
        ("Germany", "Berlin", ["Munich", "Frankfurt", "Hamburg"]),
        ("Italy", "Rome", ["Milan", "Naples", "Turin"]),
        ("Spain", "Madrid", ["Barcelona", "Seville", "Valencia"]),
        ("Japan", "Tokyo", ["Osaka", "Kyoto", "Yokohama"]),
        ("Egypt", "Cairo", ["Alexandria", "Giza", "Luxor"]),
        ("Philippines", "Manila", ["Cebu City", "Davao City", "Iloilo City"]),
    ];

    /// <summary>Element, its chemical symbol, and three symbols that are not its symbol.</summary>
    public static readonly (string Element, string Symbol, string[] NotSymbol)[] Symbols =
    [
        ("gold", "Au", ["Ag", "Gd", "Go"]),
        ("silver", "Ag", ["Au", "Si", "Sv"]),
        ("iron", "Fe", ["Ir", "I", "Fr"]),
        ("sodium", "Na", ["So", "S", "Sd"]),
        ("potassium", "K", ["P", "Po", "Pt"]),
        ("lead", "Pb", ["Le", "Ld", "L"]),
        ("tin", "Sn", ["Ti", "Tn", "T"]),
        ("mercury", "Hg", ["Me", "Mr", "Mc"]),
        ("copper", "Cu", ["Co", "Cp", "C"]),
        ("tungsten", "W", ["Tu", "Tg", "Tn"]),
    ];

    /// <summary>Country facts for the focus subset: capital, currency, continent, international calling code.</summary>
    public static readonly (string Country, string Capital, string Currency, string Continent, string CallingCode)[] Countries =
    [
        ("Japan", "Tokyo", "the yen", "Asia", "+81"),
        ("Brazil", "Brasília", "the real", "South America", "+55"),
        ("Egypt", "Cairo", "the Egyptian pound", "Africa", "+20"),
        ("Canada", "Ottawa", "the Canadian dollar", "North America", "+1"),
        ("Germany", "Berlin", "the euro", "Europe", "+49"),
        ("India", "New Delhi", "the Indian rupee", "Asia", "+91"),
        ("Mexico", "Mexico City", "the Mexican peso", "North America", "+52"),
        ("Kenya", "Nairobi", "the Kenyan shilling", "Africa", "+254"),
        ("Australia", "Canberra", "the Australian dollar", "Oceania", "+61"),
        ("Sweden", "Stockholm", "the Swedish krona", "Europe", "+46"),
        ("Thailand", "Bangkok", "the baht", "Asia", "+66"),
        ("Argentina", "Buenos Aires", "the Argentine peso", "South America", "+54"),
        ("Poland", "Warsaw", "the złoty", "Europe", "+48"),
        ("South Korea", "Seoul", "the won", "Asia", "+82"),
        ("Peru", "Lima", "the sol", "South America", "+51"),
    ];

    /// <summary>Topics for the precise-instruction subset, each with sentences of varied length, some with commas.</summary>
    public static readonly (string Topic, string[] Sentences)[] Sentences =
    [
        ("rain", [
            "Rain forms when water vapour condenses into droplets heavy enough to fall.",
            "A steady rain cools the air, settles the dust and fills the rivers.",
            "Rain keeps forests green and farms alive.",
            "After a long dry spell, the first rain brings a smell called petrichor.",
            "Most rain starts as ice crystals high in the clouds before it melts on the way down.",
            "Light rain is called drizzle when the drops are very small.",
        ]),
        ("libraries", [
            "Libraries lend books for free to anyone with a card.",
            "A good library offers quiet rooms, helpful staff and shelves full of ideas.",
            "Public libraries also lend films, music and sometimes even tools.",
            "Many people learned to love reading in a small local library.",
            "Librarians help visitors find reliable information quickly.",
            "Libraries keep old newspapers so that anyone can study the past.",
        ]),
        ("bicycles", [
            "Bicycles turn the push of your legs into smooth forward motion.",
            "A bicycle needs air in its tyres, oil on its chain and working brakes.",
            "Cycling to work saves money and keeps you fit.",
            "In some cities more people travel by bicycle than by car.",
            "The chain carries power from the pedals to the rear wheel.",
            "Gears let a rider climb hills without pushing too hard on the pedals.",
        ]),
        ("bread", [
            "Bread rises because yeast releases gas inside the dough.",
            "Flour, water, salt and yeast are all you need for a simple loaf.",
            "Fresh bread tastes best on the day it is baked.",
            "Kneading builds gluten, which gives bread its chewy structure.",
            "A hot oven creates the crisp brown crust that people love.",
            "Sourdough bread uses a starter of wild yeast instead of packaged yeast.",
        ]),
        ("the moon", [
            "The Moon orbits the Earth about once every 27 days.",
            "Its gravity pulls on the oceans, raising the tides twice a day.",
            "The Moon has no air, no weather and no liquid water on its surface.",
            "We always see the same side of the Moon from the Earth.",
            "Twelve astronauts walked on the Moon between 1969 and 1972.",
            "Moonlight is simply sunlight reflected from grey lunar dust.",
        ]),
        ("bees", [
            "Bees carry pollen from flower to flower as they collect nectar.",
            "A honeybee colony has one queen, thousands of workers and a few hundred drones.",
            "Bees make honey to feed the colony through the winter.",
            "Without bees, many fruits and vegetables would be much harder to grow.",
            "Worker bees dance to tell each other where the best flowers are.",
            "A single bee visits hundreds of flowers on one trip.",
        ]),
        ("volcanoes", [
            "Volcanoes form where molten rock rises through cracks in the crust.",
            "An eruption can release lava, ash, gas and rocks into the air.",
            "Some volcanoes sleep for centuries before they erupt again.",
            "Volcanic soil is often rich and very good for farming.",
            "Hawaii grew from the sea floor through millions of years of eruptions.",
            "Scientists watch for small earthquakes that can warn of an eruption.",
        ]),
        ("tea", [
            "Tea is made by soaking dried leaves in hot water.",
            "Green, black and oolong teas all come from the same plant.",
            "A cup of tea usually has less caffeine than a cup of coffee.",
            "People in Britain drink millions of cups of tea every day.",
            "Water that is too hot can make green tea taste bitter.",
            "Herbal drinks such as mint or chamomile are not true teas.",
        ]),
        ("maps", [
            "Maps shrink a large area onto a page you can hold.",
            "A map legend explains the symbols, colours and lines it uses.",
            "Every flat map of the Earth stretches some places more than others.",
            "Contour lines show how steep the ground is.",
            "The scale bar tells you how far one centimetre on the map is in real life.",
            "Sailors relied on charts long before satellites could guide them.",
        ]),
        ("sleep", [
            "Sleep lets the body repair itself and the brain sort memories.",
            "Most adults need seven to nine hours of sleep each night.",
            "Screens late at night can make it harder to fall asleep.",
            "A cool, dark and quiet room helps people sleep well.",
            "Going to bed at the same time every day keeps your body clock steady.",
            "Short naps can boost alertness without ruining the night's sleep.",
        ]),
    ];
}
